import { Alert, Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useCurrentUser } from '../auth/session';
import { setPurpose, usePurpose } from './purpose';

const CATEGORY_WORDS: Record<string, string> = {
  SSN: 'Social Security numbers',
  FINANCIAL: 'financial values',
  CRIMINAL: 'criminal history',
  CDR: 'call detail records',
  INFORMANT: 'tipster identities',
  TIP: 'tip contents',
};

export function maskedWords(masked: readonly string[]): string {
  return masked.map((m) => CATEGORY_WORDS[m] ?? m).join(', ');
}

/** "State a purpose": reveals masked categories for this session's requests (sent as x-purpose). */
export function PurposeControl() {
  const user = useCurrentUser();
  const purpose = usePurpose();
  const [opened, { open, close }] = useDisclosure(false);
  const [text, setText] = useState(purpose ?? '');
  const save = () => {
    setPurpose(user.username, text);
    close();
  };
  return (
    <>
      {purpose ? (
        <Group gap="xs" data-testid="purpose-stated">
          <Badge color="orange" variant="light" leftSection={<IconLockOpen size={14} />} maw={420}>
            Purpose: {purpose}
          </Badge>
          <Button size="xs" variant="subtle" onClick={() => setPurpose(user.username, null)}>
            Withdraw
          </Button>
        </Group>
      ) : (
        <Button size="sm" variant="light" color="orange" leftSection={<IconLock size={16} />} onClick={open}>
          State a purpose
        </Button>
      )}
      <Modal opened={opened} onClose={close} title="State the purpose of your access" size="lg">
        <Stack>
          <Text size="sm">
            Sensitive categories (SSNs, financial values, criminal history, tips and tipster identities,
            call detail records) are shown only with a need to know. The purpose you state is sent with
            each request in this browser session and recorded in the audit trail with every read it covers.
          </Text>
          <Textarea
            label="Purpose"
            placeholder="e.g. Case 2026-0412: status violation review"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={500}
            data-autofocus
          />
          <Alert color="gray" variant="light">
            Misuse of a stated purpose is a violation of the Privacy Act and agency policy.
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="orange" onClick={save} disabled={text.trim().length < 5}>
              State purpose
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** The need-to-know decision behind a view (the `access` of a profile, record or lead subject). */
export interface AccessBasis {
  basis: string;
  assignment: string | null;
  restricted: readonly string[];
}

/**
 * A note on what this view masked and why, with the way to reveal it: a stated purpose opens what
 * it can; marked categories (call records, tipsters) open only through an assignment or the permission.
 */
export function MaskedNotice({ masked, access }: { masked: readonly string[]; access?: AccessBasis }) {
  if (access?.basis === 'assignment' && masked.length === 0) {
    return (
      <Alert color="blue" variant="light" icon={<IconLockOpen />} title="Shown through your assignment" data-testid="assignment-notice">
        You are assigned to {access.assignment}: sensitive categories are shown without a stated purpose, and each read is recorded under {access.assignment}.
      </Alert>
    );
  }
  if (masked.length === 0) return null;
  const restricted = masked.filter((m) => access?.restricted.includes(m));
  const purposeOpens = masked.filter((m) => !restricted.includes(m));
  return (
    <Alert color="orange" variant="light" icon={<IconLock />} title="Some information is masked" data-testid="masked-notice">
      {purposeOpens.length > 0 && (
        <>
          Withheld without a stated purpose: {maskedWords(purposeOpens)}. Use “State a purpose” to see them; the purpose is recorded in the audit trail.{' '}
        </>
      )}
      {restricted.length > 0 && (
        <>
          Withheld by record marking: {maskedWords(restricted)}. Shown only to users assigned to a lead on this subject or holding the permission for the marking; a stated purpose is not enough.
        </>
      )}
    </Alert>
  );
}
