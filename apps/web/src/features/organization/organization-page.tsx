import {
  Alert,
  Badge,
  Card,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import type { Division, Unit } from '@pbis/contract';
import { ErrorAlert } from '../common/error-alert';
import { PageHeader } from '../common/page-header';
import { useLocalName } from '../units/unit-name';
import { useOrganization } from './api';
import { UnitCountBadges, UnitGroups } from './unit-groups';

export function OrganizationPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const org = useOrganization();
  const me = useMe();
  const scoped = me.role === 'budget_analyst' || me.role === 'unit_officer';

  if (org.isPending) return <Loader aria-label={t('common.loading')} />;
  if (org.isError) return <ErrorAlert error={org.error} onRetry={() => void org.refetch()} />;

  const { organization, divisions, unassignedUnits } = org.data;
  const support = divisions.filter((d) => d.analysisNo === null);
  const analysis = divisions
    .filter((d) => d.analysisNo !== null && (!scoped || d.units.length > 0))
    .sort((a, b) => (a.analysisNo ?? 0) - (b.analysisNo ?? 0));
  const allUnits: Unit[] = [...divisions.flatMap((d) => d.units), ...unassignedUnits];

  return (
    <Stack gap="lg">
      <PageHeader title={t('organization:title')} intro={t('organization:intro')} />
      {scoped && (
        <Alert variant="light" color="civic" role="note">
          {t('organization:scopedNote')}
        </Alert>
      )}
      <Paper withBorder p="lg" radius="md">
        <Group justify="space-between" wrap="wrap">
          <Stack gap={0}>
            <Title order={3} data-testid="organization-name">
              {name(organization)}
            </Title>
            <Text c="dimmed">{t('app.owner')}</Text>
          </Stack>
          <Group gap="xs">
            <Badge size="lg" variant="filled">
              {t('organization:totalUnits')}: {allUnits.length}
            </Badge>
            <UnitCountBadges units={allUnits} size="lg" />
          </Group>
        </Group>
      </Paper>

      <section aria-labelledby="divisions-title">
        <Group gap="sm" mb="sm">
          <Title order={3} id="divisions-title">
            {t('organization:divisions')}
          </Title>
          <Badge variant="light">
            {t('organization:divisionCount', { count: divisions.length })}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md">
          {support.map((d) => (
            <Card key={d.id} withBorder padding="md">
              <Text fw={600}>{name(d)}</Text>
              <Text size="sm" c="dimmed">
                {t('organization:supportDivision')}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
          {analysis.map((d) => (
            <AnalysisDivisionCard key={d.id} division={d} />
          ))}
        </SimpleGrid>
      </section>

      {unassignedUnits.length > 0 && (
        <Card withBorder padding="md">
          <Group justify="space-between" mb="xs">
            <Title order={3}>{t('organization:unassigned')}</Title>
            <UnitCountBadges units={unassignedUnits} />
          </Group>
          <UnitGroups units={unassignedUnits} />
        </Card>
      )}
    </Stack>
  );
}

function AnalysisDivisionCard({ division }: { division: Division }) {
  const { t } = useTranslation();
  const name = useLocalName();
  return (
    <Card withBorder padding="md" data-testid={`analysis-division-${division.analysisNo}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={4} fz="lg">
            {name(division)}
          </Title>
          <Badge variant="filled" style={{ flexShrink: 0 }}>
            {t('organization:unitCount', { count: division.units.length })}
          </Badge>
        </Group>
        <UnitCountBadges units={division.units} />
        {division.units.length === 0 ? (
          <Text c="dimmed">{t('organization:noUnits')}</Text>
        ) : (
          <UnitGroups units={division.units} />
        )}
      </Stack>
    </Card>
  );
}
