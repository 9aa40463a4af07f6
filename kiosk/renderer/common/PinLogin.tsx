/** PIN pad login for staff consoles: large keys for a counter tablet, keyboard works too. */
import { useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import { errorText } from '../../../shared/src/error-text.ts';
import { ApiFailure, login, type StaffSession } from './session.ts';

export function PinLogin(props: { t: Translate; title: string; onLogin: (session: StaffSession) => void }) {
  const { t } = props;
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (): Promise<void> => {
    if (pin.length < 4) return;
    setBusy(true);
    setError(null);
    try {
      props.onLogin(await login(pin));
    } catch (err) {
      setError(
        err instanceof ApiFailure && err.status === 401
          ? t('login.wrongPin')
          : err instanceof ApiFailure && err.status === 429
            ? t('login.tooMany')
            : errorText(t, err),
      );
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  const press = (key: string): void => {
    if (key === 'del') setPin((p) => p.slice(0, -1));
    else if (pin.length < 8) setPin((p) => p + key);
  };

  return (
    <form
      className="pin-login"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h1>{props.title}</h1>
      <p className="muted">{t('login.enterPin')}</p>
      <input
        name="pin"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={pin}
        maxLength={8}
        aria-label="PIN"
        onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
      />
      <div className="pin-pad">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9', 'del', '0'].map((key) => (
          <button type="button" key={key} onClick={() => press(key)}>
            {key === 'del' ? '⌫' : key}
          </button>
        ))}
        <button type="submit" className="ok" disabled={busy || pin.length < 4}>
          {t('login.submit')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
