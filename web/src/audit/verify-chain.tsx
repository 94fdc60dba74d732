import { Alert } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import type { AuditVerifyResult } from '../api/types';

function withCount(result: AuditVerifyResult): string {
  const message = result.message.trim();
  // The server's message usually states the count already.
  if (message.includes(String(result.rows))) return message;
  return `${message} (${result.rows.toLocaleString('en-US')} events checked.)`;
}

export function VerifyChainResult({
  result,
  onClose,
}: {
  result: AuditVerifyResult;
  onClose: () => void;
}) {
  if (result.ok) {
    return (
      <Alert
        color="green"
        icon={<IconShieldCheck />}
        title="Audit chain intact"
        withCloseButton
        onClose={onClose}
        data-testid="verify-result"
      >
        {withCount(result)}
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      icon={<IconShieldX />}
      title={
        result.firstBrokenSeq === null
          ? 'Audit chain broken'
          : `Audit chain broken at event #${result.firstBrokenSeq}`
      }
      withCloseButton
      onClose={onClose}
      data-testid="verify-result"
    >
      {withCount(result)} Report this to the Privacy Office and the system administrator: events
      from that point may have been altered.
    </Alert>
  );
}
