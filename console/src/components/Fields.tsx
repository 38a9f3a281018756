/** Labelled form controls, laid out the same way in every form and filter bar. */
import type { InputHTMLAttributes, SelectHTMLAttributes } from 'react';

type TextFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;

/** A labelled input (text unless `type` says otherwise) that reports its value as a string. */
export function TextField({ label, value, onChange, ...input }: TextFieldProps) {
  return (
    <label className="field">
      {label}
      <input type="text" {...input} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** An option: its value, or a value with the text shown for it. */
export type Option = string | { value: string; label: string };

type SelectFieldProps = {
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>;

/** A labelled select. */
export function SelectField({ label, value, options, onChange, ...select }: SelectFieldProps) {
  return (
    <label className="field">
      {label}
      <select {...select} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) =>
          typeof o === 'string' ? (
            <option key={o}>{o}</option>
          ) : (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ),
        )}
      </select>
    </label>
  );
}
