import { escapeHtml as e } from './html-escape.ts';

/** The names the sign-off block is pre-filled with (blank lines to write on otherwise). */
export interface SignOff {
  technician?: string | undefined;
  customer?: string | undefined;
}

function party(title: string, name: string | undefined, role: string): string {
  const filled = name?.trim();
  return `<div class="party" data-role="${role}"><h3>${title}</h3><dl class="sign">
<dt>Name · 姓名</dt><dd class="line">${filled ? `<span class="filled">${e(filled)}</span>` : '&#160;'}</dd>
<dt>Signature · 签名</dt><dd class="line">&#160;</dd></dl></div>`;
}

/**
 * The sign-off block at the end of the report: the technician and the customer representative (name,
 * signature line), then date and place, in English and Chinese; names pre-filled when given, escaped.
 * Kept on one printed page.
 */
export function signOffSection(signOff: SignOff): string {
  return `<section id="sign-off" class="sign-off"><h2>Sign-off · 签字确认</h2>
<p class="note">By signing, both parties confirm the work and the results listed in this report. · 双方签字确认本报告所列的工作及结果。</p>
<div class="parties">${party('Technician · 调试技术员', signOff.technician, 'technician')}${party('Customer representative · 客户代表', signOff.customer, 'customer')}</div>
<dl class="sign when"><dt>Date · 日期</dt><dd class="line">&#160;</dd><dt>Place · 地点</dt><dd class="line">&#160;</dd></dl></section>`;
}
