import type { removeAliyunEn } from './remove-aliyun.en.ts';

/** Simplified Chinese strings of the removal wizard's Alibaba Cloud part; the type makes a missing key an error. */
export const removeAliyunZhCN: typeof removeAliyunEn = {
  title: '阿里云',
  loading: '正在读取阿里云设置…',
  notConfigured:
    '阿里云尚未设置，因此无法在这里从其设备上删除人员。请在“设置”中填写网关、项目、AppKey 和 AppSecret，然后返回此处。',
  openSettings: '打开设置',
  enable: '同时从阿里云设备或空间中删除这些人员',
  enableHint: '将发送他们的用户 ID；勾选后可以不选终端。',
  scopeType: 'ID 类型',
  scopeTypes: {
    IOT_ID: '设备（IOT_ID）',
    SPACE_ID: '空间（SPACE_ID）：该空间绑定的所有人脸设备',
  },
  ids: {
    IOT_ID: '设备 ID（IOT_ID）',
    SPACE_ID: '空间 ID（SPACE_ID）',
  },
  idsPlaceholder: '每行一个 ID，或用逗号、空格分隔。',
  counted_one: '{{count}} 个 ID',
  counted_other: '{{count}} 个 ID',
  duplicates_one: '已忽略 {{count}} 个重复的 ID',
  duplicates_other: '已忽略 {{count}} 个重复的 ID',
  problems: {
    empty: '请至少输入一个 ID 才能从阿里云删除这些人员，或取消勾选阿里云。',
    characters_one: '“{{id}}”不是有效的 ID：ID 只能包含字母、数字、“-”、“_”和“.”。请更正或从列表中删除。',
    characters_other:
      '“{{id}}”及另外 {{more}} 项不是有效的 ID：ID 只能包含字母、数字、“-”、“_”和“.”。请更正或从列表中删除。',
    tooLong_one: '“{{id}}”超过 128 个字符，不是有效的 ID。请更正或从列表中删除。',
    tooLong_other: '“{{id}}”及另外 {{more}} 项超过 128 个字符，不是有效的 ID。请更正或从列表中删除。',
    tooMany: '{{count}} 个 ID 超过了一次删除的上限（1000 个）。请分成几次删除。',
    noUsers: '这些人员都没有可发送到阿里云的 ID。请返回上一步补充他们的 ID。',
  },
  userType: '人员 ID 的用户类型',
  userTypeHint: '默认值来自“设置”。',
  userTypeHelp: {
    IDENTITY: '生活物联网平台为每个人员分配的身份 ID；大多数项目使用这一类型。',
    OPEN: '人员在客户 OA 系统中的账号 ID（openId）。',
    YUNDUN: '项目自有账号体系中的员工 ID。',
    PHONE: '人员登记时使用的手机号（11 位）。',
  },
  review: {
    label: '阿里云部分',
    summary_one:
      '从 {{scopes}}删除 {{users}} 个用户 ID（{{userType}}）：共 {{pairs}}，分 {{requests}}，每次最多 {{batch}} 个用户。目前尚未发送任何内容。',
    summary_other:
      '从 {{scopes}}删除 {{users}} 个用户 ID（{{userType}}）：共 {{pairs}}，分 {{requests}}，每次最多 {{batch}} 个用户。目前尚未发送任何内容。',
    pairs_one: '{{count}} 项（用户 × 设备或空间）',
    pairs_other: '{{count}} 项（用户 × 设备或空间）',
    requests_one: '{{count}} 次请求',
    requests_other: '{{count}} 次请求',
    devices_one: '{{count}} 个设备',
    devices_other: '{{count}} 个设备',
    spaces_one: '{{count}} 个空间',
    spaces_other: '{{count}} 个空间',
    ids: 'ID：{{ids}}',
    more: '{{ids}} 及另外 {{count}} 个',
    noTerminals: '未选择终端：只修改阿里云。',
    confirmBoth: '这将从 {{terminals}}以及阿里云上的 {{scopes}}删除 {{people}} 人，且无法撤销。请输入人数以确认。',
    confirmCloud: '这将从阿里云上的 {{scopes}}删除 {{people}} 人，且无法撤销。请输入人数以确认。',
  },
};
