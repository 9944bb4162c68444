import type { Translation } from './en.ts';

/** Simplified Chinese strings; the type makes a missing key a compile error. */
export const zhCN: Translation = {
  app: {
    title: '人脸终端调试助手',
    loading: '正在启动…',
  },
  nav: {
    label: '功能区',
    devices: '设备',
    remove: '删除人员',
    permissions: '权限下发',
    jobs: '任务',
    sync: '同步队列',
    settings: '设置',
  },
  empty: {
    devices: {
      title: '尚未发现终端',
      body: '在现场局域网中找到的终端（通过 mDNS、按地址添加或扫描网段）会显示在这里，包括类型、序列号、地址和健康状态。',
    },
    remove: {
      title: '还没有要删除的人员',
      body: '粘贴或导入要删除的人员，选择终端，检查计划后执行。每个人在每台终端上都会有一个结果。',
    },
    permissions: {
      title: '还没有权限下发',
      body: '按出入口通道的全量和增量权限下发，以及随后的云端任务，会显示在这里。',
    },
    jobs: {
      title: '还没有任务',
      body: '您启动的每个批量操作都会列在这里，显示进度、每一项的结果，并可重试失败项。',
    },
    sync: {
      title: '同步队列为空',
      body: '等待终端或云端恢复的操作会在这里排队，直到被发送且只发送一次。',
    },
    settings: {
      title: '设置',
      body: '云平台账号、凭据和现场默认值将在这里设置。',
    },
  },
  language: {
    label: '语言',
    en: 'English',
    'zh-CN': '简体中文',
  },
  status: {
    label: '状态',
    adapters: '现场网卡：{{names}}',
    noAdapter: '现场网卡：未找到（请将电脑连接到现场局域网）',
    cloud: {
      unknown: '云端：未检测',
      reachable: '云端：可连接',
      unreachable: '云端：无法连接（操作已排队）',
    },
    queued_one: '{{count}} 个操作排队中',
    queued_other: '{{count}} 个操作排队中',
  },
  errors: {
    dismiss: '关闭',
    VALIDATION: '请求无效（{{message}}）。请检查输入后重试。',
    UNKNOWN_CHANNEL: '此版本的应用不支持该操作。请更新或重启应用。',
    NOT_FOUND: '该项目已不存在。请刷新后重试。',
    UNAUTHORIZED: '凭据被拒绝。请在设置中检查用户名和密码。',
    FORBIDDEN_SENDER: '此页面无权使用本应用。请从应用自己的窗口打开。',
    FORBIDDEN_MDNS: '此处不允许使用 mDNS 发现（{{message}}）。请改为按地址添加终端或扫描网段。',
    STORAGE: '本地数据库无法使用（{{message}}）。请确认磁盘有剩余空间，然后重启应用。',
    SECRETS_LOCKED: '已保存的凭据被锁定（{{message}}）。请先解锁，然后重试。',
    NETWORK: '与应用的连接已断开。请用 "npm run web" 重新启动并打开它显示的地址。',
    CANCELLED: '操作已取消，不会再为它发送任何内容。',
    INTERNAL: '应用内部出错（{{message}}）。请重试；如果反复出现，请导出诊断信息。',
  },
};
