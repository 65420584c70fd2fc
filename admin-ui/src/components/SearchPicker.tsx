import { useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../api/client';
import './SearchPicker.css';

/** One choice of a {@link SearchPicker}: the value it puts in the field, and what it shows. */
export interface PickerOption {
  value: string;
  label: string;
  /** A second, quieter line: a status, a make and model, a display name. */
  detail?: string;
}

export interface SearchPickerProps {
  value: string;
  /** Every change: a typed text, or the value of a chosen option (then with the option). */
  onChange: (value: string, option?: PickerOption) => void;
  /** The options for a text ('' when the field is empty): the first few matches, from the API. */
  search: (text: string, signal: AbortSignal) => Promise<PickerOption[]>;
  placeholder?: string;
  /** Test hook of the text box; the options are `<testId>-option`. */
  'data-testid'?: string;
  /** Set by {@link Field}: the label's target and the hint and error. */
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  autoFocus?: boolean;
  /** How long typing must pause before a search, in milliseconds. */
  debounceMs?: number;
}

type Found = { kind: 'idle' } | { kind: 'searching'; previous: PickerOption[] } | { kind: 'found'; options: PickerOption[] } | { kind: 'error'; error: unknown };

/**
 * A text box that suggests matching records as one types (the ARIA combobox with a list):
 * pick one with the mouse or the arrow keys and Enter, or type the value outright. The
 * options come from the API, so that long lists are searched, not scrolled.
 */
export function SearchPicker({
  value,
  onChange,
  search,
  placeholder,
  'data-testid': testId = 'search-picker',
  id,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
  autoFocus,
  debounceMs = 200,
}: SearchPickerProps) {
  const ownId = useId();
  const inputId = id ?? ownId;
  const listId = `${inputId}-options`;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const [found, setFound] = useState<Found>({ kind: 'idle' });
  const [active, setActive] = useState(-1);
  const searchRef = useRef(search);
  searchRef.current = search;

  // What to search for: what the operator typed since opening, else nothing (the first entries).
  const query = text ?? '';
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    setFound((current) => ({ kind: 'searching', previous: current.kind === 'found' ? current.options : current.kind === 'searching' ? current.previous : [] }));
    const timer = setTimeout(
      () => {
        searchRef.current(query.trim(), controller.signal).then(
          (options) => {
            if (!controller.signal.aborted) {
              setFound({ kind: 'found', options });
              setActive(-1);
            }
          },
          (error: unknown) => {
            if (!controller.signal.aborted) setFound({ kind: 'error', error });
          },
        );
      },
      text === null ? 0 : debounceMs,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, query, text, debounceMs]);

  const options = found.kind === 'found' ? found.options : found.kind === 'searching' ? found.previous : [];

  const choose = (option: PickerOption) => {
    onChange(option.value, option);
    setText(null);
    setOpen(false);
  };

  const close = () => {
    setOpen(false);
    setText(null);
  };

  return (
    <div className="picker">
      <input
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        value={value}
        placeholder={placeholder}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        data-testid={testId}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={close}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          onChange(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((n) => Math.min(n + 1, options.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((n) => Math.max(n - 1, 0));
          } else if (e.key === 'Enter' && open && active >= 0 && options[active]) {
            e.preventDefault();
            choose(options[active]);
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
      />
      {open && (
        <ul className="picker__options" id={listId} role="listbox" aria-busy={found.kind === 'searching'} data-testid={`${testId}-options`}>
          {found.kind === 'error' && (
            <li className="picker__note" role="presentation">
              Could not search: {errorMessage(found.error)}
            </li>
          )}
          {found.kind === 'found' && options.length === 0 && (
            <li className="picker__note" role="presentation" data-testid={`${testId}-none`}>
              {query.trim() ? `Nothing matches “${query.trim()}”.` : 'Nothing to choose from yet.'}
            </li>
          )}
          {options.map((option, index) => (
            <li
              key={option.value}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={`picker__option${index === active ? ' picker__option--active' : ''}`}
              data-testid={`${testId}-option`}
              data-value={option.value}
              // Before the text box's blur closes the list.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(option)}
            >
              <span className="picker__label">{option.label}</span>
              {option.detail && <small className="picker__detail">{option.detail}</small>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
