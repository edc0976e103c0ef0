import { Badge, Button, Group, List, Loader, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { scopeKindOf } from '@pbis/core';
import type { OrganizationOverview, Unit } from '@pbis/contract';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { OrganizationIcon } from '../../app/icons';
import { ThaiText } from '../../app/thai-text';
import { ErrorAlert } from '../common/error-alert';
import { HomeCardFrame } from '../common/home-card';
import { useLocalName } from '../units/unit-name';
import { useOrganization } from './api';
import { UnitCountBadges } from './unit-groups';

const SHOWN_UNITS = 8;

const unitsOf = (o: OrganizationOverview): Unit[] => [
  ...o.divisions.flatMap((d) => d.units),
  ...o.unassignedUnits,
];

/**
 * "My unit or division": an officer's own unit, an analyst's division and its units, and for
 * everyone who sees the whole organisation its summary.
 */
export default function ScopeCard() {
  const { t } = useTranslation('organization');
  const me = useMe();
  const name = useLocalName();
  const org = useOrganization();
  const kind = scopeKindOf(me.role);
  const title =
    kind === 'unit' ? t('card.myUnit') : kind === 'division' ? t('card.myDivision') : t('card.org');

  let body;
  if (org.isPending) body = <Loader size="sm" aria-label={t('translation:common.loading')} />;
  else if (org.isError) body = <ErrorAlert error={org.error} />;
  else {
    const units = unitsOf(org.data);
    if (kind === 'unit') {
      const unit = units.find((u) => u.id === me.unitId);
      const division = org.data.divisions.find((d) => d.units.some((u) => u.id === me.unitId));
      body = unit ? (
        <Stack gap={4}>
          <Text fw={600} size="lg" data-testid="home-unit-name">
            <ThaiText>{name(unit)}</ThaiText>
          </Text>
          <Group gap="xs">
            <Badge variant="light">{t(`translation:unitKinds.${unit.kind}`)}</Badge>
            <Text size="sm" c="dimmed">
              {t('card.code', { code: unit.code })}
            </Text>
          </Group>
          {division && (
            <Text size="sm">
              {t('card.responsibleDivision')}: <ThaiText>{name(division)}</ThaiText>
            </Text>
          )}
        </Stack>
      ) : (
        <Text c="dimmed">{t('noUnits')}</Text>
      );
    } else if (kind === 'division') {
      body = (
        <Stack gap="xs">
          <Text fw={600} size="lg">
            <ThaiText>
              {t('translation:analysisDivision', { no: me.analysisDivisionNo ?? '' })}
            </ThaiText>
          </Text>
          <Text size="sm">{t('card.responsibleCount', { count: units.length })}</Text>
          <List size="sm" spacing={2}>
            {units.slice(0, SHOWN_UNITS).map((u) => (
              <List.Item key={u.id}>
                <ThaiText>{name(u)}</ThaiText>
              </List.Item>
            ))}
          </List>
          {units.length > SHOWN_UNITS && (
            <Text size="sm" c="dimmed">
              {t('card.more', { count: units.length - SHOWN_UNITS })}
            </Text>
          )}
        </Stack>
      );
    } else {
      body = (
        <Stack gap="xs">
          <Text fw={600} size="lg">
            <ThaiText>{name(org.data.organization)}</ThaiText>
          </Text>
          <Text size="sm">
            {t('card.summary', {
              units: units.length,
              divisions: org.data.divisions.length,
            })}
          </Text>
          <Group gap="xs">
            <UnitCountBadges units={units} />
          </Group>
        </Stack>
      );
    }
  }

  return (
    <HomeCardFrame title={title} icon={OrganizationIcon} testId="home-scope">
      {body}
      <Group gap="sm">
        <Button component={Link} to="/organization" variant="light" size="xs">
          {t('card.openOrganization')}
        </Button>
        <Button component={Link} to="/units" variant="subtle" size="xs">
          {t('card.openUnits')}
        </Button>
      </Group>
    </HomeCardFrame>
  );
}
