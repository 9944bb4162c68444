import type { ColumnKind } from '../../../shared/domain/people-import.ts';

/**
 * Normalises a column label for comparison: Unicode NFKC (full-width letters and brackets become
 * ASCII), lower case, and no spaces, underscores, hyphens, dots, colons, brackets, quotes or `#`.
 * "Identity ID", "identity_id" and "ＩＤＥＮＴＩＴＹ－ＩＤ" all become "identityid".
 */
export function normaliseLabel(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.:()[\]{}#*'"`]/gu, '');
}

/** Known labels (in normalised form) of each column kind, English and Chinese. */
const KIND_LABELS: Readonly<Record<ColumnKind, readonly string[]>> = {
  identity_id: [
    'identityid',
    'identityids',
    'identity',
    'personid',
    'personnelid',
    '人员id',
    '人员编号',
    '人员标识',
    '用户id',
    '用户编号',
    '身份id',
    // Per-vendor columns of a site-wide people list (issue 17).
    'sophonid',
    'sophonidentityid',
    'sophon人员id',
    'sophon人员编号',
  ],
  link_id: ['linkid', 'linkids', 'link', '关联id', '链接id', 'basiplinkid', 'basiplink', 'basip关联id'],
  uid: ['uid', 'uids', 'identifieruid', '标识符uid', 'basipuid'],
  face_id: ['faceid', 'faceids', '人脸id', '人脸编号'],
  register_image_id: [
    'registerimageid',
    'registerimageids',
    'registerimage',
    'registeredimageid',
    'imageid',
    'photoid',
    '注册照片id',
    '注册图片id',
    '注册照id',
    '照片id',
    '图片id',
  ],
  name: [
    'name',
    'names',
    'identityname',
    'personname',
    'fullname',
    'username',
    '姓名',
    '名字',
    '名称',
    '人员名称',
    '人员姓名',
    '用户名',
    '用户姓名',
  ],
  nativeId: ['id', 'ids', '编号', 'id号'],
};

/**
 * Labels that mark a row as a header although the column holds nothing this import uses (card
 * numbers, departments, phone numbers, employee numbers, ...): the picker suggests no kind for them.
 */
const OTHER_LABELS: ReadonlySet<string> = new Set([
  '卡号',
  'card',
  'cardno',
  'cardnumber',
  'cardid',
  '部门',
  'department',
  '手机',
  '手机号',
  '电话',
  'phone',
  'mobile',
  '备注',
  'remark',
  'remarks',
  'note',
  'notes',
  'comment',
  '性别',
  'gender',
  'sex',
  '序号',
  'no',
  '邮箱',
  'email',
  '工号',
  'employeeid',
  'employeeno',
  '类型',
  'type',
  'usertype',
  '权限组',
  'permission',
  'permissions',
  'group',
  '分组',
  '职位',
  'title',
]);

const LABEL_TO_KIND: ReadonlyMap<string, ColumnKind> = new Map(
  (Object.entries(KIND_LABELS) as [ColumnKind, readonly string[]][]).flatMap(([kind, labels]) =>
    labels.map((label): [string, ColumnKind] => [label, kind]),
  ),
);

/** The column kind a header label suggests, or null when the label is unknown or holds nothing used. */
export function kindOfLabel(label: string): ColumnKind | null {
  return LABEL_TO_KIND.get(normaliseLabel(label)) ?? null;
}

/** True when a cell reads like a column label this import knows (of a used kind or not). */
export function isKnownLabel(label: string): boolean {
  const normalised = normaliseLabel(label);
  return LABEL_TO_KIND.has(normalised) || OTHER_LABELS.has(normalised);
}

/** True when a row reads like a header: at least one of its cells is a known column label. */
export function looksLikeHeader(cells: readonly string[]): boolean {
  return cells.some((cell) => isKnownLabel(cell));
}
