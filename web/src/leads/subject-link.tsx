import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { hasPermission, useCurrentUser } from '../auth/session';

/**
 * Where a subject's profile lives. Profiles belong to the Search area, so only users who may
 * search get a link; a field agent reads the subject in the referral package instead.
 */
export function subjectPath(subjectType: 'person' | 'organization', id: string): string {
  return subjectType === 'person'
    ? `/search/persons/${encodeURIComponent(id)}`
    : `/search/organizations/${encodeURIComponent(id)}`;
}

interface SubjectLinkProps {
  subjectType: 'person' | 'organization';
  subjectId: string;
  name: string;
  size?: string;
}

export function SubjectLink({ subjectType, subjectId, name, size = 'sm' }: SubjectLinkProps) {
  const user = useCurrentUser();
  if (!hasPermission(user, 'search')) {
    return (
      <Text span size={size} fw={500}>
        {name}
      </Text>
    );
  }
  return (
    <Anchor component={Link} to={subjectPath(subjectType, subjectId)} size={size} fw={500}>
      {name}
    </Anchor>
  );
}
