/**
 * English words of the core's result codes that are not errors: what a connection test checked (`codes.cloud-test`,
 * CloudTestResult.messageCode) and why a job item ended as it did (`itemReasons`, by the item's `rawCode`:
 * electron/core/removal, electron/core/cloud/jobs). Merged into `en`.
 */
export const reasonCodesEn = {
  'cloud-test': {
    tuya: 'Token granted; project {{projectId}} answers with {{channels}} entrance/exit channel(s).',
    'aliyun-project': 'Signature and project token accepted for project {{projectId}}.',
    'aliyun-user': 'Signature and user token (iotToken) accepted.',
  },
  people: {
    unreachable:
      'Terminal {{serial}} ({{address}}) did not list its people: it does not answer. Check the cable and that it is on, then open it again.',
  },
};

/** English sentences of item reasons, keyed by the item's code (`rawCode`; `:` read as `.`). */
export const itemReasonsEn = {
  auth: 'The terminal refused the credentials. Set them in its details (or the site default in Settings), then retry the failed items.',
  http: 'The terminal refused the request (HTTP {{status}}). Retry the failed items; if it keeps refusing, check the terminal.',
  vendor:
    'The terminal refused the request with its code {{code}}. Retry the failed items; if it keeps refusing, check the terminal.',
  unknown: 'The request failed without a known cause. Retry the failed items.',
  plan: {
    'no-id':
      'This list row has no id this kind of terminal removes people by. Add that id to the list, then plan again.',
  },
  recheck: {
    unreadable:
      'The terminal did not confirm this item and its list could not be read to check. Retry later: the app reads the terminal before sending anything again.',
  },
  capability: {
    'remove-face': 'This terminal cannot remove a single face: remove the whole person instead.',
  },
  terminal: {
    forgotten: 'The terminal was removed from the inventory before its items were sent. Add it again and retry.',
  },
  task: {
    stopped: 'The task was stopped in the cloud before it finished. Push this channel again.',
    failed:
      'People were not sent to this channel. Open the channel’s records to see who, then use “Retry failed” to push them again.',
    'partly-failed':
      'Some people were not sent to this channel. Open the channel’s records to see who, then use “Retry failed” to push them again.',
  },
};
