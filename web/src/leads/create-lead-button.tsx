import { Alert, Button, Center, Loader, Modal, type ButtonProps } from '@mantine/core';
import { IconFlag } from '@tabler/icons-react';
import { useState } from 'react';
import { useCurrentUser } from '../auth/session';
import { LeadForm, type LeadDefaults } from './lead-form';
import { useStatusFinding } from './leads-api';

export interface CreateLeadButtonProps extends LeadDefaults {
  subjectId: string;
  subjectName?: string;
  label?: string;
  /** Prefill from the person's status assessment when it found a violation. */
  fromStatus?: boolean;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
}

/** Who may open leads (the server's leads.create permission). */
export function canCreateLeads(roles: readonly string[]): boolean {
  return roles.includes('analyst') || roles.includes('supervisor');
}

/**
 * "Create lead" for any finding: a row of the suspected-violators list, a profile, a tip. Pass the
 * finding as defaults (type, title, evidence); the user can adjust them before creating. Renders
 * nothing for users who may not create leads.
 */
/** The form, prefilled from the status finding once it has loaded (if one was asked for). */
function LeadFormWithFinding({ fromStatus, onCancel, ...form }: Omit<CreateLeadButtonProps, 'label' | 'variant' | 'size'> & { onCancel: () => void }) {
  const finding = useStatusFinding(form.subjectId, fromStatus === true);
  if (fromStatus && finding.isPending) {
    return (
      <Center p="lg">
        <Loader size="sm" />
      </Center>
    );
  }
  const found = finding.data ?? null;
  return (
    <>
      {found && (
        <Alert color="blue" mb="md" data-testid="finding-prefill">
          Prefilled from the status assessment: {found.summary}
        </Alert>
      )}
      <LeadForm {...form} {...(found ?? {})} onCancel={onCancel} />
    </>
  );
}

export function CreateLeadButton({ label = 'Create lead', variant = 'light', size = 'sm', ...form }: CreateLeadButtonProps) {
  const user = useCurrentUser();
  const [opened, setOpened] = useState(false);
  if (!canCreateLeads(user.roles)) return null;
  return (
    // Inside a clickable table row the row must not act too; React events bubble out of the
    // modal's portal along the component tree, so stop them here.
    <span onClick={(e) => e.stopPropagation()}>
      <Button variant={variant} size={size} leftSection={<IconFlag size={16} />} onClick={() => setOpened(true)}>
        {label}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="New lead" size="lg" centered>
        {opened && <LeadFormWithFinding {...form} onCancel={() => setOpened(false)} />}
      </Modal>
    </span>
  );
}
