import { createPrng } from './prng.ts';

/** One person as a site's central system knows them; every simulator derives its records from this. */
export interface SimPerson {
  /** Position in the generated population (0-based). */
  index: number;
  name: string;
  /** Sophon `identity_id`: a decimal string, as in the vendor examples ("100000"). */
  identityId: string;
  /** BAS-IP `link_id`: the UUID a central management system stamps on the same identifier on every panel. */
  linkId: string;
  /** Card number used as the BAS-IP identifier number. */
  cardNumber: string;
  /** How many faces the person has registered (1 to 3). */
  faceCount: number;
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '子涵',
  '雨桐',
  '浩然',
  '欣怡',
];
const FIRST = [
  'James',
  'Maria',
  'Olga',
  'Ahmed',
  'Sofia',
  'Lucas',
  'Emma',
  'Noah',
  'Aisha',
  'Ivan',
  'Chloé',
  'Mateo',
  'Zoë',
  'Hiro',
  'Anna',
  'Liam',
];
const LAST = [
  'Smith',
  'García',
  'Ivanova',
  'Müller',
  'Rossi',
  'Novak',
  'Khan',
  'Silva',
  'Dubois',
  'Kowalski',
  'Tanaka',
  'O’Brien',
  'Nguyen',
  'Jensen',
];

/**
 * Generates a deterministic population: the same seed and count always give the same people, so a
 * link_id or identity_id means the same person on every simulated terminal of a site. About two thirds
 * of the names are Chinese, the rest Latin (with accents and apostrophes).
 */
export function generatePeople(seed: number | string, count: number, firstIdentityId = 100000): SimPerson[] {
  const prng = createPrng(seed);
  const people: SimPerson[] = [];
  for (let index = 0; index < count; index++) {
    const chinese = prng.next() < 0.66;
    const name = chinese ? prng.pick(SURNAMES) + prng.pick(GIVEN) : `${prng.pick(FIRST)} ${prng.pick(LAST)}`;
    people.push({
      index,
      name,
      identityId: String(firstIdentityId + index),
      linkId: prng.uuid(),
      cardNumber: String(prng.int(10_000_000, 99_999_999)),
      faceCount: prng.int(1, 3),
    });
  }
  return people;
}
