import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs` (ages such as "index read 3 min ago" stay right while shown). */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
