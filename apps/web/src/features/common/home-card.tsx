import { Card, Group, Stack, ThemeIcon, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import type { Icon } from '../../app/icons';

/** The frame of one home-page card: an icon, a title and the card's content. */
export function HomeCardFrame({
  title,
  icon: CardIcon,
  testId,
  children,
}: {
  title: string;
  icon?: Icon;
  testId?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      className="home-card"
      component="section"
      aria-labelledby={id}
      data-testid={testId}
    >
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          {CardIcon && (
            <ThemeIcon variant="light" radius="md" size="lg" aria-hidden="true">
              <CardIcon size={20} />
            </ThemeIcon>
          )}
          <Title order={3} id={id}>
            {title}
          </Title>
        </Group>
        {children}
      </Stack>
    </Card>
  );
}
