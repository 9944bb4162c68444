/**
 * Follows the viewport of a virtual table's scroll container: `onScroll` on every scroll event (passive),
 * `onResize` whenever the container's box changes (where `ResizeObserver` exists) and once at once, so the
 * first render fills the view. Answers the function that stops following.
 */
export function watchViewport(element: HTMLElement, onScroll: () => void, onResize: () => void): () => void {
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(onResize);
  element.addEventListener('scroll', onScroll, { passive: true });
  observer?.observe(element);
  onResize();
  return () => {
    element.removeEventListener('scroll', onScroll);
    observer?.disconnect();
  };
}
