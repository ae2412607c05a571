import { Paper, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentEntityType } from '../../../shared/contracts/collaboration';
import { usePeople } from './collaboration.api';

// The "@word" just before the caret, if the caret is in one.
const mentionAtCaret = /(?:^|[^\w.@])@([\w.-]*)$/;

type Props = {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** the entity written on: the server suggests the people who may see it */
  entity?: { entityType: CommentEntityType; entityId: number };
  'data-testid'?: string;
};

/** A Markdown textarea that suggests colleagues after "@" (arrows and Enter, or a click, to pick). */
export function MentionTextarea({ value, onChange, placeholder, entity, ...rest }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [debounced] = useDebouncedValue(query ?? '', 150);
  const people = usePeople(debounced, query !== null, entity);
  const suggestions = query === null ? [] : (people.data?.rows ?? []).slice(0, 8);

  const update = (next: string, caret: number) => {
    onChange(next);
    const match = mentionAtCaret.exec(next.slice(0, caret));
    setQuery(match ? (match[1] ?? '') : null);
    setActive(0);
  };

  const pick = (handle: string) => {
    const element = ref.current;
    const caret = element?.selectionStart ?? value.length;
    const before = value.slice(0, caret).replace(/@[\w.-]*$/, `@${handle} `);
    const next = before + value.slice(caret);
    onChange(next);
    setQuery(null);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(before.length, before.length);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const person = suggestions[active];
      if (!person) return;
      event.preventDefault();
      pick(person.handle);
    } else if (event.key === 'Escape') {
      setQuery(null);
    }
  };

  return (
    <div style={{ position: 'relative' }}>
      <Textarea
        ref={ref}
        value={value}
        placeholder={placeholder}
        autosize
        minRows={3}
        maxRows={14}
        onChange={(event) => update(event.currentTarget.value, event.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        {...rest}
      />
      {query !== null && (
        <Paper
          withBorder
          shadow="sm"
          p={4}
          style={{ position: 'absolute', zIndex: 20, left: 0, right: 0, top: '100%' }}
          role="listbox"
          data-testid="mention-suggestions"
        >
          {suggestions.length === 0 ? (
            <Text size="sm" c="dimmed" p={4}>
              {t('collaboration.comments.noSuggestions')}
            </Text>
          ) : (
            suggestions.map((person, index) => (
              <UnstyledButton
                key={person.id}
                display="block"
                w="100%"
                p={4}
                role="option"
                aria-selected={index === active}
                bg={index === active ? 'var(--mantine-color-default-hover)' : undefined}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(person.handle)}
                data-testid="mention-suggestion"
              >
                <Text size="sm" span fw={500}>
                  {person.name}
                </Text>{' '}
                <Text size="sm" span c="dimmed">
                  @{person.handle}
                </Text>
              </UnstyledButton>
            ))
          )}
        </Paper>
      )}
    </div>
  );
}
