import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError, errorMessage } from '../api/client';
import { detailLines } from '../lib/validation-details';

interface ApiErrorAlertProps {
  error: unknown;
  title?: string;
}

/** The server's own message, plus any per-field validation details it sent. */
export function ApiErrorAlert({
  error,
  title = 'The server refused the request',
}: ApiErrorAlertProps) {
  const message = errorMessage(error);
  // Skip the list when the message already spells out every detail.
  const lines = (error instanceof ApiError ? detailLines(error.details) : []).filter(
    (line) => !message.includes(line.message),
  );
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle />}
      title={title}
      role="alert"
      data-testid="api-error"
    >
      {message}
      {lines.length > 0 && (
        <List size="sm" mt={6}>
          {lines.map((line, i) => (
            <List.Item key={i}>
              {line.field ? `${line.field}: ${line.message}` : line.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
