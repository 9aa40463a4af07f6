/**
 * Additional work found during repair (增项), in the page instead of a browser prompt (issue #14
 * item 6): item, price and a note, checked next to each field. With a price it goes to the
 * customer's phone to approve (issue #15); without one it is a note the advisor relays.
 */
import { useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import type { Job } from '../../../shared/src/protocol.ts';

/** Priced work goes to the customer's phone to approve; without a price it is a note the advisor relays. */
export type WorkToSend = { items: { description: string; priceYuan: number }[]; note?: string; photos?: File[] } | { note: string };

export function AdditionalWorkForm(props: { t: Translate; job: Job; onClose: () => void; onSend: (work: WorkToSend) => Promise<unknown> }) {
  const { t, job } = props;
  const [item, setItem] = useState('');
  const [price, setPrice] = useState('');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [problems, setProblems] = useState<{ item?: string; price?: string }>({});

  const submit = (): void => {
    const found: { item?: string; price?: string } = {};
    if (!item.trim()) found.item = t('fieldError.required', { field: t('workshop.item') });
    if (price.trim() && !/^\d{1,6}(\.\d{1,2})?$/.test(price.trim())) found.price = t('fieldError.invalid', { field: t('workshop.price') });
    setProblems(found);
    if (found.item || found.price) return;
    if (price.trim()) {
      void props.onSend({
        items: [{ description: item.trim(), priceYuan: Number(price.trim()) }],
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(photos.length ? { photos } : {}),
      });
      return;
    }
    const parts = [`${t('workshop.item')}：${item.trim()}`, note.trim() ? `${t('workshop.note')}：${note.trim()}` : ''];
    void props.onSend({ note: parts.filter(Boolean).join('；').slice(0, 200) });
  };

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-label={t('workshop.addWorkTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2>
          {t('workshop.addWorkTitle')} · {job.plate}
        </h2>
        <label>
          {t('workshop.item')}
          <input
            name="item"
            value={item}
            autoFocus
            maxLength={60}
            aria-invalid={Boolean(problems.item)}
            onChange={(e) => {
              setItem(e.target.value);
              setProblems({ ...problems, item: undefined });
            }}
          />
          {problems.item && <span className="field-error">{problems.item}</span>}
        </label>
        <label>
          {t('workshop.price')}
          <input
            name="price"
            value={price}
            inputMode="decimal"
            aria-invalid={Boolean(problems.price)}
            onChange={(e) => {
              setPrice(e.target.value);
              setProblems({ ...problems, price: undefined });
            }}
          />
          {problems.price && <span className="field-error">{problems.price}</span>}
        </label>
        <label>
          {t('workshop.note')}
          <input name="note" value={note} maxLength={100} onChange={(e) => setNote(e.target.value)} />
        </label>
        <label>
          {t('workshop.photos')}
          <input
            name="photos"
            type="file"
            accept="image/jpeg,image/png"
            capture="environment"
            multiple
            onChange={(e) => setPhotos(Array.from(e.target.files ?? []).slice(0, 4))}
          />
        </label>
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={props.onClose}>
            {t('confirm.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('workshop.send')}
          </button>
        </div>
      </form>
    </div>
  );
}
