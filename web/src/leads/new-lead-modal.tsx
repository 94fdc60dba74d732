import { Modal } from '@mantine/core';
import { useState } from 'react';
import { EntityPicker, type PickedEntity } from '../search/entity-picker';
import { LeadForm } from './lead-form';

/** A lead by hand: find the person or organization, then describe the finding. */
export function NewLeadModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [subject, setSubject] = useState<PickedEntity | null>(null);
  const close = () => {
    setSubject(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="New lead" size="lg" centered>
      {subject ? (
        <LeadForm subjectId={subject.id} subjectName={subject.name} type="OTHER" onCancel={() => setSubject(null)} />
      ) : (
        <EntityPicker label="Subject" onPick={setSubject} />
      )}
    </Modal>
  );
}
