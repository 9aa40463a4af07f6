/**
 * The photos of one piece of additional work at the desk (issue #15): the ones the workshop took,
 * and, while the customer has not answered, a button to add one from the desk's computer or
 * camera. Photos are staff-only, so each is fetched with the session token and shown from memory.
 */
import { useEffect, useState } from 'react';
import { prepare, type PreparedCall } from '../../../shared/src/api/client.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import type { Translate } from '../../../shared/src/i18n.ts';
import { WORK_PHOTO_LIMITS, type AdditionalWork } from '../../../shared/src/protocol.ts';
import { photoForUpload } from '../common/photo-upload.ts';
import { api } from '../common/session.ts';

/** As a data: URL, which lives as long as the page shows it (an object URL would need revoking at the right moment). */
function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable photo'));
    reader.readAsDataURL(blob);
  });
}

export function WorkPhotos(props: { t: Translate; token: string; jobId: number; work: AdditionalWork; run: (call: PreparedCall) => Promise<unknown> }) {
  const { t, token, jobId, work } = props;
  const ids = work.photos ?? [];
  const [urls, setUrls] = useState<Record<number, string>>({});
  const idsKey = ids.join(',');

  useEffect(() => {
    let stopped = false;
    for (const photoId of ids) {
      api(endpoints.workPhoto, { params: { id: jobId, workId: work.id, photoId } }, { token })
        .then(dataUrl)
        .then((url) => {
          if (!stopped) setUrls((shown) => ({ ...shown, [photoId]: url }));
        })
        .catch(() => undefined); // a photo that cannot be loaded is left out; the items still show
    }
    return () => {
      stopped = true;
    };
  }, [idsKey, jobId, work.id, token]); // reloaded when the photo ids change

  const add = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const body = await photoForUpload(file);
    await props.run(prepare(endpoints.addWorkPhoto, { params: { id: jobId, workId: work.id }, body }));
  };
  const canAdd = work.status === 'pending' && ids.length < WORK_PHOTO_LIMITS.count;
  if (ids.length === 0 && !canAdd) return null;
  return (
    <span className="work-photos" data-testid="desk-work-photos">
      {ids.map((id, i) =>
        urls[id] ? (
          <a key={id} href={urls[id]} target="_blank" rel="noreferrer">
            <img src={urls[id]} alt={t('track.work.photo', { n: i + 1 })} />
          </a>
        ) : null,
      )}
      {canAdd && (
        <label className="small secondary add-photo">
          {t('desk.work.addPhoto')}
          <input type="file" accept="image/*" name="work-photo" data-action="add-work-photo" onChange={(e) => void add(e.target.files?.[0])} />
        </label>
      )}
    </span>
  );
}
