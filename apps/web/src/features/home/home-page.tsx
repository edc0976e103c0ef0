import { Loader, SimpleGrid, Stack } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { homeCardsFor } from '../../app/modules';
import { PageHeader } from '../common/page-header';

/** The home page: the cards of every module for this role, in their order. */
export function HomePage() {
  const { t } = useTranslation('home');
  const me = useMe();
  const cards = homeCardsFor(me.role);
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('title')}
        intro={t('welcome', { name: me.displayName || me.username })}
      />
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="lg" data-testid="home-cards">
        {cards.map((Card) => (
          <Suspense
            key={Card.id}
            fallback={<Loader size="sm" aria-label={t('common.loading', { ns: 'translation' })} />}
          >
            <Card.component />
          </Suspense>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
