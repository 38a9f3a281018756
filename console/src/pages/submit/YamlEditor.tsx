/**
 * A plain textarea with line numbers, made into a small YAML editor: lines with issues are
 * highlighted and their messages shown at the end of the line (a backdrop behind the textarea).
 */
import { forwardRef, useImperativeHandle, useRef, useState } from 'react';

export interface LineIssue {
  line: number;
  message: string;
}

export interface YamlEditorHandle {
  goToLine: (line: number) => void;
}

export const YamlEditor = forwardRef<
  YamlEditorHandle,
  { value: string; onChange: (text: string) => void; issues: LineIssue[] }
>(function YamlEditor({ value, onChange, issues }, handle) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const lines = value.split('\n');
  const numbered = lines.map((text, i) => ({ no: i + 1, text }));
  const byLine = new Map<number, string[]>();
  for (const issue of issues) byLine.set(issue.line, [...(byLine.get(issue.line) ?? []), issue.message]);

  useImperativeHandle(handle, () => ({
    goToLine(line: number) {
      const el = area.current;
      if (!el) return;
      const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
      el.focus();
      el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
      const lineHeight = 20;
      el.scrollTop = Math.max(0, (line - 4) * lineHeight);
    },
  }));

  function onKeyDown(event: React.KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Tab' || event.shiftKey) return;
    event.preventDefault();
    const el = event.currentTarget;
    const { selectionStart: s, selectionEnd: e } = el;
    const next = `${value.slice(0, s)}  ${value.slice(e)}`;
    onChange(next);
    requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2));
  }

  return (
    <div className="editor" data-testid="yaml-editor">
      <div className="gutter" aria-hidden="true">
        <div style={{ transform: `translateY(${-scroll.top}px)`, height: 'auto' }}>
          {lines.map((_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
            <div key={i} className={byLine.has(i + 1) ? 'issue' : ''} title={byLine.get(i + 1)?.join('\n')}>
              {i + 1}
            </div>
          ))}
        </div>
      </div>
      <div className="pane">
        <div className="backdrop" aria-hidden="true">
          <div style={{ transform: `translate(${-scroll.left}px, ${-scroll.top}px)`, height: 'auto' }}>
            {numbered.map(({ no, text }) => {
              const messages = byLine.get(no);
              return (
                <div
                  key={no}
                  className={messages ? 'issue' : ''}
                  data-testid={messages ? `issue-line-${no}` : undefined}
                >
                  {text}
                  {messages && <span className="lens">⟵ {messages.join(' · ')}</span>}
                </div>
              );
            })}
          </div>
        </div>
        <textarea
          ref={area}
          value={value}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          wrap="off"
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
          aria-label="Job spec (YAML)"
          data-testid="spec-text"
        />
      </div>
    </div>
  );
});
