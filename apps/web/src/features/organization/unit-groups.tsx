import { Badge, Group, List, Stack, Text, type MantineSize } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@pbis/contract';
import { useLocalName } from '../units/unit-name';

const isDistrict = (u: Unit) => u.kind === 'district_office';

/** Badges: how many district offices and how many departments/others. */
export function UnitCountBadges({ units, size = 'md' }: { units: Unit[]; size?: MantineSize }) {
  const { t } = useTranslation();
  const districts = units.filter(isDistrict).length;
  return (
    <Group gap={6}>
      <Badge size={size} variant="light" color="teal">
        {t('organization:districtCount', { count: districts })}
      </Badge>
      <Badge size={size} variant="light" color="civic">
        {t('organization:otherCount', { count: units.length - districts })}
      </Badge>
    </Group>
  );
}

/** The units of a division: departments and others first, then district offices. */
export function UnitGroups({ units }: { units: Unit[] }) {
  const { t } = useTranslation();
  const name = useLocalName();
  const others = units.filter((u) => !isDistrict(u));
  const districts = units.filter(isDistrict);
  const group = (title: string, list: Unit[]) =>
    list.length > 0 && (
      <div>
        <Text size="sm" fw={600} c="dimmed">
          {title}
        </Text>
        <List size="sm" spacing={2} withPadding>
          {list.map((u) => (
            <List.Item key={u.id}>
              {name(u)}
              {u.kind !== 'department' && u.kind !== 'district_office' && (
                <Badge size="xs" variant="outline" ml={6}>
                  {t(`unitKinds.${u.kind}`)}
                </Badge>
              )}
            </List.Item>
          ))}
        </List>
      </div>
    );
  return (
    <Stack gap="xs">
      {group(t('organization:departments'), others)}
      {group(t('organization:districts'), districts)}
    </Stack>
  );
}
