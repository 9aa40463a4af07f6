/**
 * On-screen keyboards for a touch kiosk with no physical keyboard: a Chinese plate keyboard
 * (province abbreviation first, then the issuing-office letter, then letters and digits; I and O
 * never appear on plates) and a digit pad for the phone number.
 */
import { PROVINCES } from '../../../shared/src/plate.ts';
import type { Translate } from '../../../shared/src/i18n.ts';

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'.split('');
const DIGITS = '1234567890'.split('');
export const PLATE_MAX = 8;

export function PlateKeyboard(props: { value: string; onChange: (value: string) => void; t: Translate }) {
  const { value, onChange, t } = props;
  const chars = Array.from(value);
  const keys = chars.length === 0 ? Array.from(PROVINCES) : chars.length === 1 ? LETTERS : [...DIGITS, ...LETTERS];
  return (
    <div className="plate-keyboard" role="group" aria-label={t('kiosk.plateKeyboard')}>
      <div className="plate-boxes" data-testid="plate-boxes">
        {Array.from({ length: PLATE_MAX }, (_, i) => (
          <span key={i} className={`box ${i === 7 ? 'nev' : ''} ${i === chars.length ? 'cursor' : ''}`}>
            {chars[i] ?? ''}
          </span>
        ))}
      </div>
      <p className="hint muted">{chars.length === 0 ? t('kiosk.province') : t('kiosk.newEnergy')}</p>
      <div className={`keys ${chars.length === 0 ? 'provinces' : ''}`}>
        {keys.map((k) => (
          <button key={k} type="button" data-key={k} disabled={chars.length >= PLATE_MAX} onClick={() => onChange(value + k)}>
            {k}
          </button>
        ))}
        <button type="button" className="wide" data-key="delete" onClick={() => onChange(chars.slice(0, -1).join(''))}>
          {t('kiosk.delete')}
        </button>
        <button type="button" className="wide" data-key="clear" onClick={() => onChange('')}>
          {t('kiosk.clear')}
        </button>
      </div>
    </div>
  );
}

export function DigitPad(props: { value: string; onChange: (value: string) => void; max: number; t: Translate }) {
  const { value, onChange, t } = props;
  return (
    <div className="keys digits" role="group" aria-label="digits">
      {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((d) => (
        <button key={d} type="button" data-digit={d} disabled={value.length >= props.max} onClick={() => onChange(value + d)}>
          {d}
        </button>
      ))}
      <button type="button" className="wide" data-digit="delete" onClick={() => onChange(value.slice(0, -1))}>
        {t('kiosk.delete')}
      </button>
    </div>
  );
}
