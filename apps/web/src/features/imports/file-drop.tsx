import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';

const ACCEPT =
  '.csv,.xlsx,.json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A place to drop a file, or to choose one; the size limit is said before anything is sent. */
export function FileDrop({
  file,
  limitText,
  fileText,
  disabled,
  onFile,
}: {
  file: File | null;
  limitText: string;
  /** The chosen file as it is shown (name and size). */
  fileText: string;
  disabled: boolean;
  onFile: (file: File) => void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f && !disabled) onFile(f);
  };
  return (
    <Paper
      withBorder
      p="lg"
      radius="md"
      data-testid="import-drop"
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'var(--mantine-color-blue-6)' : undefined,
        background: over ? 'var(--mantine-color-blue-0)' : undefined,
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <Stack align="center" gap={6}>
        <Text fw={500} ta="center">
          {t('imports:dropHere')}
        </Text>
        <Group gap="xs" justify="center">
          <Text c="dimmed">{t('imports:or')}</Text>
          <Button variant="light" disabled={disabled} onClick={() => input.current?.click()}>
            {t('imports:chooseFile')}
          </Button>
        </Group>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          aria-label={t('imports:fileLabel')}
          data-testid="import-file-input"
          style={{ display: 'none' }}
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f) onFile(f);
            e.currentTarget.value = ''; // choosing the same file again still tells
          }}
        />
        <Text size="sm" c="dimmed" ta="center">
          {limitText}
        </Text>
        {file && (
          <Text
            size="sm"
            fw={600}
            ta="center"
            data-testid="import-file-name"
            style={{ wordBreak: 'break-all' }}
          >
            {fileText}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
