import { Alert, Anchor, Button, Checkbox, Group, Menu, Modal, ScrollArea, Stack, Text, Textarea } from '@mantine/core';
import { IconArrowsSplit, IconChevronDown, IconGitMerge } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCurrentUser } from '../auth/session';
import { ApiErrorAlert } from '../components/api-error-alert';
import { sourceLabel } from '../profiles/record-drawer';
import { EntityPicker, type PickedEntity } from '../search/entity-picker';
import { useMergeEntities, useSplitEntity } from './review-api';
import { canDecide, mentionRefOf } from './review-format';

export interface EntityRecord {
  recordRef: string;
  source: string;
  recordId: string;
  role: string;
}

interface EntityActionsProps {
  entityId: string;
  name: string;
  records: readonly EntityRecord[];
}

const MIN_REASON = 3;

function ReasonField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <Textarea
      label="Reason (kept with the decision)"
      placeholder="e.g. different dates of birth and fathers' names on the visa applications"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      autosize
      minRows={2}
      required
    />
  );
}

function SplitModal({ opened, onClose, entityId, name, records }: EntityActionsProps & { opened: boolean; onClose: () => void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const split = useSplitEntity();
  const close = () => {
    setChosen([]);
    setReason('');
    split.reset();
    onClose();
  };
  const refs = records.map((r) => ({ ref: mentionRefOf(r.recordRef, r.role), r }));
  const ready = chosen.length > 0 && chosen.length < refs.length && reason.trim().length >= MIN_REASON && !split.isPending;
  const moved = split.data?.splitInto;
  const kept = split.data?.entities.find((id) => id !== moved);
  return (
    <Modal opened={opened} onClose={close} title="Split records out" size="lg">
      {split.data ? (
        <Stack gap="sm" data-testid="split-done">
          <Alert color="teal">
            Decision {split.data.decision.id}: the chosen records now stand apart from {name}. Later runs keep them apart; undo it
            from Match review → Decisions.
          </Alert>
          {moved && (
            <Anchor component={Link} to={`/search/persons/${moved}`} onClick={close}>
              Open the person now holding the split records
            </Anchor>
          )}
          {kept && kept !== entityId && (
            <Anchor component={Link} to={`/search/persons/${kept}`} onClick={close}>
              Open the person holding the rest (its id changed: it follows the oldest record)
            </Anchor>
          )}
          <Group justify="flex-end">
            <Button onClick={close}>Close</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            Choose the records that are not {name}. They become an entity of their own, kept apart from the rest through every later
            run.
          </Text>
          <ScrollArea.Autosize mah={300}>
            <Checkbox.Group value={chosen} onChange={setChosen}>
              <Stack gap={6}>
                {refs.map(({ ref, r }) => (
                  <Checkbox key={ref} value={ref} label={`${sourceLabel(r.source)} · ${r.recordId}${r.role === 'subject' ? '' : ` (${r.role})`}`} />
                ))}
              </Stack>
            </Checkbox.Group>
          </ScrollArea.Autosize>
          {chosen.length === refs.length && refs.length > 0 && (
            <Text size="sm" c="orange.8">
              Leave at least one record with {name}.
            </Text>
          )}
          <ReasonField value={reason} onChange={setReason} />
          {split.error && <ApiErrorAlert error={split.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" disabled={!ready} loading={split.isPending} onClick={() => split.mutate({ entityId, records: chosen, reason: reason.trim() })}>
              Split {chosen.length || ''} record{chosen.length === 1 ? '' : 's'} out
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function MergeModal({ opened, onClose, entityId, name }: Omit<EntityActionsProps, 'records'> & { opened: boolean; onClose: () => void }) {
  const [other, setOther] = useState<PickedEntity | null>(null);
  const [reason, setReason] = useState('');
  const merge = useMergeEntities();
  const navigate = useNavigate();
  const close = () => {
    setOther(null);
    setReason('');
    merge.reset();
    onClose();
  };
  const submit = () => {
    if (!other) return;
    merge.mutate(
      { entityIds: [entityId, other.id], reason: reason.trim() },
      {
        onSuccess: (o) => {
          close();
          const kept = o.entities[0];
          if (kept && kept !== entityId) void navigate(`/search/persons/${kept}`);
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title="Merge with another person" size="lg">
      {other ? (
        <Stack gap="sm">
          <Text size="sm">
            <b>{name}</b> and <b>{other.name}</b> become one person: every record of both, every value with its sources. Later runs
            keep them together; undo it from Match review → Decisions.
          </Text>
          <ReasonField value={reason} onChange={setReason} />
          {merge.error && <ApiErrorAlert error={merge.error} />}
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => setOther(null)}>
              Choose another
            </Button>
            <Group>
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button disabled={reason.trim().length < MIN_REASON || merge.isPending} loading={merge.isPending} onClick={submit}>
                Merge
              </Button>
            </Group>
          </Group>
        </Stack>
      ) : (
        <EntityPicker label="The other person" kind="person" exclude={[entityId]} pickLabel="Merge with this one" onPick={setOther} />
      )}
    </Modal>
  );
}

/**
 * The analyst's corrections to entity resolution on a person's profile: split records out, merge with
 * another entity. Each is a decision kept with its reason and undoable (Match review → Decisions).
 * Renders nothing for users who may not decide.
 */
export function EntityActions(props: EntityActionsProps) {
  const user = useCurrentUser();
  const [open, setOpen] = useState<'split' | 'merge' | null>(null);
  if (!canDecide(user.roles)) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />}>
            Resolution
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconArrowsSplit size={16} />} disabled={props.records.length < 2} onClick={() => setOpen('split')}>
            Split records out…
          </Menu.Item>
          <Menu.Item leftSection={<IconGitMerge size={16} />} onClick={() => setOpen('merge')}>
            Merge with another person…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <SplitModal opened={open === 'split'} onClose={() => setOpen(null)} {...props} />
      <MergeModal opened={open === 'merge'} onClose={() => setOpen(null)} {...props} />
    </>
  );
}
