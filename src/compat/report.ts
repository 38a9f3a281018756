/**
 * A static per-model certificate an adaptation center can publish: every verdict on the model, its
 * capabilities, caveats and evidence (linked and dated), and the relative throughput per workload class.
 * Deterministic for a given knowledge base (it carries the knowledge base revision, not a date). In HTML
 * every text is escaped and only http(s) URLs become links.
 */
import { getModel } from '../catalog/index.js';
import { STATUS_SYMBOL } from './matrix.js';
import { predictThroughput, REFERENCE_MODEL_ID, type ThroughputEstimate } from './throughput.js';
import {
  CAPABILITIES,
  type Evidence,
  type KnowledgeBase,
  type Verdict,
  WORKLOAD_CLASSES,
  type WorkloadClass,
} from './types.js';

export type CertificateFormat = 'markdown' | 'html';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/\n/g, ' ');
}

function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

interface Section {
  title: string;
  verdict: Verdict;
  throughput: ThroughputEstimate[];
}

function sections(kb: KnowledgeBase, modelId: string): Section[] {
  return kb.verdicts
    .filter((v) => v.model === modelId)
    .map((verdict) => ({
      title: `${verdict.framework} ${verdict.frameworkVersion} on ${verdict.stack} ${verdict.stackVersion}`,
      verdict,
      throughput: WORKLOAD_CLASSES.map((c: WorkloadClass) => predictThroughput(modelId, c, verdict)),
    }));
}

function evidenceLine(e: Evidence): string {
  const where = e.kind === 'probe' && (e.site || e.node) ? ` on ${[e.site, e.node].filter(Boolean).join('/')}` : '';
  const outcome = e.outcome ? ` (${e.outcome})` : '';
  const measured = e.measured ? `; measured ${e.measured.metric} = ${e.measured.value} ${e.measured.unit}` : '';
  return `${e.date} ${e.kind}${where}${outcome}: ${e.title}${measured}`;
}

function throughputLine(t: ThroughputEstimate): string {
  return `${t.workloadClass}: ${t.value} × ${REFERENCE_MODEL_ID}${t.estimated ? ' (estimated)' : ''}: ${t.note}`;
}

function markdown(kb: KnowledgeBase, modelId: string): string {
  const model = getModel(modelId);
  const out = [`# Compatibility certificate: ${escapeMarkdown(model?.name ?? modelId)}`, ''];
  out.push(
    `Model \`${modelId}\`${model ? `, vendor ${model.vendor}, native stack ${model.stack}` : ' (not in the catalog)'}.`,
  );
  out.push(`Knowledge base revision ${kb.revision}.`, '');
  const list = sections(kb, modelId);
  if (list.length === 0) out.push('No verdict: every combination on this model is unknown.', '');
  for (const s of list) {
    const v = s.verdict;
    out.push(`## ${escapeMarkdown(s.title)}`, '', `Status: **${v.status}** ${STATUS_SYMBOL[v.status]}`, '');
    const caps = CAPABILITIES.filter((c) => v.capabilities[c] !== undefined);
    if (caps.length > 0) {
      out.push('| capability | status |', '| --- | --- |');
      for (const c of caps) out.push(`| ${c} | ${v.capabilities[c]} ${STATUS_SYMBOL[v.capabilities[c]!]} |`);
      out.push('');
    }
    if (v.caveats.length > 0) out.push('Caveats:', ...v.caveats.map((c) => `- ${escapeMarkdown(c)}`), '');
    out.push('Relative throughput:', ...s.throughput.map((t) => `- ${escapeMarkdown(throughputLine(t))}`), '');
    out.push('Evidence:');
    for (const e of v.evidence) {
      const url = safeUrl(e.url);
      const line = escapeMarkdown(evidenceLine(e));
      out.push(url ? `- ${line} (<${url}>)` : `- ${line}`);
      if (e.outcome === 'fail' && e.output)
        out.push('', '  ```', ...e.output.split('\n').map((l) => `  ${l}`), '  ```');
    }
    if (v.evidence.length === 0) out.push('- none');
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function html(kb: KnowledgeBase, modelId: string): string {
  const model = getModel(modelId);
  const e = escapeHtml;
  const title = `Compatibility certificate: ${model?.name ?? modelId}`;
  const out = [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${e(title)}</title></head>`,
    '<body>',
    `<h1>${e(title)}</h1>`,
    `<p>Model <code>${e(modelId)}</code>${model ? `, vendor ${e(model.vendor)}, native stack ${e(model.stack)}` : ' (not in the catalog)'}. Knowledge base revision ${kb.revision}.</p>`,
  ];
  const list = sections(kb, modelId);
  if (list.length === 0) out.push('<p>No verdict: every combination on this model is unknown.</p>');
  for (const s of list) {
    const v = s.verdict;
    out.push(
      '<section>',
      `<h2>${e(s.title)}</h2>`,
      `<p>Status: <strong>${e(v.status)}</strong> ${e(STATUS_SYMBOL[v.status])}</p>`,
    );
    const caps = CAPABILITIES.filter((c) => v.capabilities[c] !== undefined);
    if (caps.length > 0) {
      out.push('<table><thead><tr><th>capability</th><th>status</th></tr></thead><tbody>');
      for (const c of caps) out.push(`<tr><td>${e(c)}</td><td>${e(v.capabilities[c]!)}</td></tr>`);
      out.push('</tbody></table>');
    }
    if (v.caveats.length > 0) out.push(`<ul class="caveats">${v.caveats.map((c) => `<li>${e(c)}</li>`).join('')}</ul>`);
    out.push(`<ul class="throughput">${s.throughput.map((t) => `<li>${e(throughputLine(t))}</li>`).join('')}</ul>`);
    out.push('<ul class="evidence">');
    for (const ev of v.evidence) {
      const url = safeUrl(ev.url);
      const text = e(evidenceLine(ev));
      const link = url ? ` <a href="${e(url)}">${e(url)}</a>` : '';
      const output = ev.outcome === 'fail' && ev.output ? `<pre>${e(ev.output)}</pre>` : '';
      out.push(`<li>${text}${link}${output}</li>`);
    }
    out.push('</ul>', '</section>');
  }
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}

export function renderCertificate(kb: KnowledgeBase, modelId: string, format: CertificateFormat): string {
  return format === 'html' ? html(kb, modelId) : markdown(kb, modelId);
}
