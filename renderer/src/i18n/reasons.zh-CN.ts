import type { itemReasonsEn, reasonCodesEn } from './reasons.en.ts';

/** Simplified Chinese words of the core's non-error result codes; merged into `codes` of zh-CN. */
export const reasonCodesZhCN: typeof reasonCodesEn = {
  'cloud-test': {
    tuya: '已获得令牌；项目 {{projectId}} 有 {{channels}} 个出入口通道。',
    'aliyun-project': '签名和项目令牌已被项目 {{projectId}} 接受。',
    'aliyun-user': '签名和用户令牌（iotToken）已被接受。',
  },
  people: {
    unreachable: '终端 {{serial}}（{{address}}）未列出人员：它没有应答。请检查网线及终端是否开机，然后重新打开。',
  },
};

/** Simplified Chinese sentences of item reasons, keyed by the item's code. */
export const itemReasonsZhCN: typeof itemReasonsEn = {
  auth: '终端拒绝了凭据。请在其详情中设置凭据（或在“设置”中设置站点默认凭据），然后重试失败项。',
  http: '终端拒绝了请求（HTTP {{status}}）。请重试失败项；如仍被拒绝，请检查终端。',
  vendor: '终端以代码 {{code}} 拒绝了请求。请重试失败项；如仍被拒绝，请检查终端。',
  unknown: '请求失败，原因未知。请重试失败项。',
  plan: {
    'no-id': '此行没有这类终端删除人员所用的编号。请在名单中补上该编号，然后重新规划。',
  },
  recheck: {
    unreadable: '终端未确认此项，且无法读取其名单进行核对。请稍后重试：应用会在再次发送前先读取终端。',
  },
  capability: {
    'remove-face': '此终端无法单独删除人脸：请改为删除整个人员。',
  },
  terminal: {
    forgotten: '发送前该终端已从设备列表中移除。请重新添加后重试。',
  },
  task: {
    stopped: '任务在云端完成前被停止。请重新推送此通道。',
    failed: '有人员未发送到此通道。请打开通道记录查看是谁，然后使用“重试失败项”重新推送。',
    'partly-failed': '部分人员未发送到此通道。请打开通道记录查看是谁，然后使用“重试失败项”重新推送。',
  },
};
