/** English strings of the removal wizard's Alibaba Cloud part; nested into `remove.aliyun`. */
export const removeAliyunEn = {
  title: 'Alibaba Cloud',
  loading: 'Reading the Alibaba Cloud settings…',
  notConfigured:
    'Alibaba Cloud is not set up, so people cannot be removed from its devices here. Enter the gateway, project, AppKey and AppSecret in Settings, then come back.',
  openSettings: 'Open Settings',
  enable: 'Also remove these people from Alibaba Cloud devices or spaces',
  enableHint: 'Their user ids are sent; terminals are optional when this is on.',
  scopeType: 'The ids name',
  scopeTypes: {
    IOT_ID: 'Devices (IOT_ID)',
    SPACE_ID: 'Spaces (SPACE_ID): every face device bound to the space',
  },
  ids: {
    IOT_ID: 'Device ids (IOT_ID)',
    SPACE_ID: 'Space ids (SPACE_ID)',
  },
  idsPlaceholder: 'One id per line, or separated by commas or spaces.',
  counted_one: '{{count}} id',
  counted_other: '{{count}} ids',
  duplicates_one: '{{count}} repeated id ignored',
  duplicates_other: '{{count}} repeated ids ignored',
  problems: {
    empty: 'Enter at least one id to remove the people from Alibaba Cloud, or untick Alibaba Cloud.',
    characters_one:
      '“{{id}}” is not an id: ids have only letters, digits, “-”, “_” and “.”. Correct it or delete it from the list.',
    characters_other:
      '“{{id}}” and {{more}} more are not ids: ids have only letters, digits, “-”, “_” and “.”. Correct them or delete them from the list.',
    tooLong_one: '“{{id}}” is longer than 128 characters, so it is not an id. Correct it or delete it from the list.',
    tooLong_other:
      '“{{id}}” and {{more}} more are longer than 128 characters, so they are not ids. Correct them or delete them from the list.',
    tooMany: '{{count}} ids is more than one removal takes (1000). Split them into several removals.',
    noUsers: 'None of the people has an id to send to Alibaba Cloud. Go back and add their ids.',
  },
  userType: 'User type of the people’s ids',
  userTypeHint: 'The default comes from Settings.',
  userTypeHelp: {
    IDENTITY: 'The identity id the living platform gave each person; most projects use this.',
    OPEN: 'The person’s account id (openId) in the customer’s OA system.',
    YUNDUN: 'An employee id from the project’s own account system.',
    PHONE: 'The mobile number the person is registered with (11 digits).',
  },
  review: {
    label: 'Alibaba Cloud part',
    summary_one:
      'Remove {{users}} user id ({{userType}}) from {{scopes}}: {{pairs}} in {{requests}} of up to {{batch}} users. Nothing has been sent yet.',
    summary_other:
      'Remove {{users}} user ids ({{userType}}) from {{scopes}}: {{pairs}} in {{requests}} of up to {{batch}} users. Nothing has been sent yet.',
    pairs_one: '{{count}} pair (user, device or space)',
    pairs_other: '{{count}} pairs (user, device or space)',
    requests_one: '{{count}} request',
    requests_other: '{{count}} requests',
    devices_one: '{{count}} device',
    devices_other: '{{count}} devices',
    spaces_one: '{{count}} space',
    spaces_other: '{{count}} spaces',
    ids: 'Ids: {{ids}}',
    more: '{{ids}} and {{count}} more',
    noTerminals: 'No terminal is chosen: only Alibaba Cloud is changed.',
    confirmBoth:
      'This removes {{people}} people from {{terminals}} and from {{scopes}} on Alibaba Cloud, and cannot be undone. Type the number of people to confirm.',
    confirmCloud:
      'This removes {{people}} people from {{scopes}} on Alibaba Cloud and cannot be undone. Type the number of people to confirm.',
  },
};
