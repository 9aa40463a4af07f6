/**
 * The customer check-in flow: service → optional plate and phone → confirm → printed ticket →
 * back to the start. Nothing here assumes a helper nearby: every screen has one obvious next
 * step, and an idle kiosk returns to the start by itself.
 */
import { newIdempotencyKey } from '../common/session.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../../shared/src/i18n.ts';
import { Phone, Plate, type StationTicketResult } from '../../../shared/src/protocol.ts';
import type { ServiceConfig } from '../../../shared/src/services.ts';
import { waitSentence } from '../../../shared/src/wait-text.ts';
import { initialLanguage, useStore, useTranslate } from '../../../shared/src/client/hooks.ts';
import { errorText } from '../../../shared/src/error-text.ts';
import { stationApi } from './station-api.ts';
import { AppointmentCodeForm } from './AppointmentCodeForm.tsx';
import { useFitToScreen } from './fit.ts';
import { DigitPad, PlateKeyboard } from './PlateKeyboard.tsx';
import { Survey } from './Survey.tsx';
import { ScanBurst } from '../common/scan-burst.ts';
import { classifyScan } from '../../../shared/src/scanned-code.ts';

type Step =
  | { name: 'service' }
  | { name: 'survey' }
  | { name: 'appointment'; error: string | null }
  | { name: 'details'; service: ServiceConfig }
  | { name: 'confirm'; service: ServiceConfig; plate: string; phone: string; notifyConsent: boolean; key: string }
  | { name: 'printing' }
  | { name: 'ticket'; result: StationTicketResult; appointment?: boolean }
  | { name: 'error'; message: string; retry: Extract<Step, { name: 'confirm' }> };

/** Seconds without a touch before the kiosk starts over; the ticket screen is shorter. */
const IDLE_SECONDS = 60;
const TICKET_SECONDS = 15;

export function KioskApp() {
  const store = useStore();
  const [language, setLanguage] = useState<Language>(() => initialLanguage());
  const t = useTranslate(language);
  const [step, setStep] = useState<Step>({ name: 'service' });
  const lastTouch = useRef(Date.now());
  const headerRef = useRef<HTMLElement>(null);
  const bodyRef = useRef<HTMLElement>(null);
  const screenRef = useRef<HTMLDivElement>(null);
  useFitToScreen(headerRef, bodyRef, screenRef);

  const restart = useCallback(() => {
    setStep({ name: 'service' });
    setNotice(null);
    setLanguage(initialLanguage());
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    const touch = (): void => {
      lastTouch.current = Date.now();
    };
    window.addEventListener('pointerdown', touch);
    window.addEventListener('keydown', touch);
    const timer = setInterval(() => {
      const limit = step.name === 'ticket' ? TICKET_SECONDS : IDLE_SECONDS;
      if (step.name !== 'service' && step.name !== 'printing' && Date.now() - lastTouch.current > limit * 1000) restart();
    }, 1000);
    return () => {
      window.removeEventListener('pointerdown', touch);
      window.removeEventListener('keydown', touch);
      clearInterval(timer);
    };
  }, [step.name, restart]);

  useEffect(() => {
    lastTouch.current = Date.now();
  }, [step]);

  // An appointment QR held to a keyboard-wedge scanner arrives as a fast burst of keys.
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    const burst = new ScanBurst();
    const onKey = (e: KeyboardEvent): void => {
      const code = burst.key(e.key, performance.now());
      if (code === null || step.name === 'printing' || step.name === 'survey' || step.name === 'appointment') return;
      const scan = classifyScan(code);
      if (scan.kind !== 'appointment') {
        setNotice(t('kiosk.appointmentRejected'));
        return;
      }
      setNotice(null);
      void checkInAppointment(scan.code);
    };
    window.addEventListener('keydown', onKey);
    // Scanners the station owns itself (HID-POS, serial) arrive through the bridge.
    const unsubscribe = stationApi().onScan?.((raw) => {
      if (step.name !== 'service' && step.name !== 'details') return;
      const scan = classifyScan(raw);
      if (scan.kind === 'appointment') void checkInAppointment(scan.code);
      else setNotice(t('kiosk.appointmentRejected'));
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe?.();
    };
  });

  /** Scanned codes report a problem on the start screen; typed ones next to the code field. */
  const checkInAppointment = async (appointmentCode: string, typed = false): Promise<void> => {
    setStep({ name: 'printing' });
    try {
      const result = await stationApi().issueTicket({ appointmentCode, idempotencyKey: newIdempotencyKey(), language });
      setStep({ name: 'ticket', result, appointment: true });
    } catch (err) {
      if (typed) setStep({ name: 'appointment', error: errorText(t, err, 'customer') });
      else {
        setStep({ name: 'service' });
        setNotice(errorText(t, err, 'customer'));
      }
    }
  };

  const issue = async (confirm: Extract<Step, { name: 'confirm' }>): Promise<void> => {
    setStep({ name: 'printing' });
    try {
      const result = await stationApi().issueTicket({
        service: confirm.service.id,
        plate: confirm.plate || undefined,
        phone: confirm.phone || undefined,
        ...(confirm.phone ? { notifyConsent: confirm.notifyConsent } : {}),
        idempotencyKey: confirm.key,
        language,
      });
      setStep({ name: 'ticket', result });
    } catch (err) {
      setStep({ name: 'error', message: errorText(t, err, 'customer'), retry: confirm });
    }
  };

  if (!store) return <div className="kiosk loading">…</div>;
  // What a screen others can see calls the visit: a complaint is not announced as one.
  const serviceName = (id: string): string => {
    const service = store.services.find((s) => s.id === id);
    if (!service) return id;
    return service.priority ? t('kiosk.neutralService') : service.name[language];
  };

  return (
    <div className="kiosk" data-step={step.name}>
      <header className="kiosk-header" ref={headerRef}>
        <div className="store-name">{store.name[language]}</div>
        <nav className="languages" aria-label="Language">
          {LANGUAGES.map((lang) => (
            <button key={lang} className={lang === language ? 'active' : ''} aria-pressed={lang === language} onClick={() => setLanguage(lang)}>
              {LANGUAGE_NAMES[lang]}
            </button>
          ))}
        </nav>
      </header>

      <main className="kiosk-body" ref={bodyRef}>
        <div className="kiosk-screen" ref={screenRef}>
          {step.name === 'service' && (
            <section>
              <h1>{t('kiosk.chooseService')}</h1>
              <p className={`scan-hint ${notice ? 'notice' : ''}`} role="status">
                {notice ?? t('kiosk.scanAppointment')}
              </p>
              <div className="entry-row">
                <button className="survey-entry secondary" data-action="appointment" onClick={() => setStep({ name: 'appointment', error: null })}>
                  {t('kiosk.typeAppointment')}
                </button>
                <button className="survey-entry secondary" data-action="survey" onClick={() => setStep({ name: 'survey' })}>
                  {t('survey.start')}
                </button>
              </div>
              <div className="service-grid">
                {store.services.map((service) => (
                  <button key={service.id} className="service" data-service={service.id} onClick={() => setStep({ name: 'details', service })}>
                    <span className="prefix">{service.prefix}</span>
                    <span className="label">{service.name[language]}</span>
                  </button>
                ))}
              </div>
            </section>
          )}

          {step.name === 'survey' && <Survey t={t} onDone={restart} newKey={newIdempotencyKey} />}

          {step.name === 'appointment' && (
            <AppointmentCodeForm key={step.error ?? ''} t={t} error={step.error} onBack={restart} onSubmit={(code) => void checkInAppointment(code, true)} />
          )}

          {step.name === 'details' && (
            <DetailsForm
              key={step.service.id}
              t={t}
              onBack={() => setStep({ name: 'service' })}
              retentionDays={store.privacy.retentionDays}
              onNext={(plate, phone, notifyConsent) =>
                setStep({ name: 'confirm', service: step.service, plate, phone, notifyConsent, key: newIdempotencyKey() })
              }
            />
          )}

          {step.name === 'confirm' && (
            <section className="confirm">
              <h1>{t('kiosk.confirmTitle')}</h1>
              <dl>
                <dt>{t('kiosk.service')}</dt>
                <dd>{step.service.name[language]}</dd>
                <dt>{t('kiosk.plate')}</dt>
                <dd>{step.plate || <span className="muted">{t('kiosk.none')}</span>}</dd>
                <dt>{t('kiosk.phone')}</dt>
                <dd>{step.phone || <span className="muted">{t('kiosk.none')}</span>}</dd>
              </dl>
              <div className="actions">
                <button className="secondary" onClick={() => setStep({ name: 'details', service: step.service })}>
                  {t('kiosk.back')}
                </button>
                <button className="primary" data-action="confirm" onClick={() => void issue(step)}>
                  {t('kiosk.confirm')}
                </button>
              </div>
            </section>
          )}

          {step.name === 'printing' && (
            <section className="printing" aria-live="polite">
              <div className="spinner" />
              <h1>{t('kiosk.printing')}</h1>
            </section>
          )}

          {step.name === 'ticket' && (
            <section className={`ticket ${step.result.print.ok ? '' : 'print-failed'}`} aria-live="polite">
              {step.appointment && (
                <p className="appointment-ok">
                  {step.result.ticket.greeting ? t('kiosk.appointmentFoundFor', { name: step.result.ticket.greeting }) : t('kiosk.appointmentFound')}
                </p>
              )}
              <h1>{step.result.print.ok ? t('kiosk.takeTicket') : t('kiosk.printFailed')}</h1>
              <div className="ticket-card">
                <div className="muted">{serviceName(step.result.ticket.service)}</div>
                <div className="label">{t('kiosk.yourNumber')}</div>
                <div className="number" data-testid="ticket-number">
                  {step.result.ticket.number}
                </div>
                <div className="ahead">{t('kiosk.ahead', { count: step.result.ticket.ahead })}</div>
                {step.result.ticket.ahead > 0 && waitSentence(step.result.ticket, language) && (
                  <div className="estimate" data-testid="ticket-estimate">
                    {waitSentence(step.result.ticket, language)}
                  </div>
                )}
              </div>
              <p>{t('kiosk.waitInLounge')}</p>
              {step.result.offline && (
                <p className="offline-note" data-testid="offline-note">
                  {t('kiosk.offlineNote')}
                </p>
              )}
              <button className="primary" onClick={restart}>
                {t('kiosk.done')}
              </button>
            </section>
          )}

          {step.name === 'error' && (
            <section className="error" role="alert">
              <h1>{step.message}</h1>
              <div className="actions">
                <button className="secondary" onClick={restart}>
                  {t('kiosk.back')}
                </button>
                {/* Same idempotency key: a retry can never produce a second ticket. */}
                <button className="primary" onClick={() => void issue(step.retry)}>
                  {t('kiosk.retry')}
                </button>
              </div>
            </section>
          )}
        </div>
      </main>
    </div>
  );
}

function DetailsForm(props: {
  t: ReturnType<typeof useTranslate>;
  onBack: () => void;
  retentionDays: number;
  onNext: (plate: string, phone: string, notifyConsent: boolean) => void;
}) {
  const { t } = props;
  const [plate, setPlate] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [field, setField] = useState<'plate' | 'phone'>('plate');
  const [errors, setErrors] = useState<{ plate?: string; phone?: string }>({});

  const submit = (): void => {
    const found: { plate?: string; phone?: string } = {};
    let cleanPlate = '';
    let cleanPhone = '';
    if (plate.trim()) {
      const parsed = Plate.safeParse(plate);
      if (parsed.success) cleanPlate = parsed.data;
      else found.plate = t('kiosk.plateInvalid');
    }
    if (phone.trim()) {
      const parsed = Phone.safeParse(phone);
      if (parsed.success) cleanPhone = parsed.data;
      else found.phone = t('kiosk.phoneInvalid');
      // A phone is kept only for a customer who agreed to be messaged on it.
      if (!found.phone && !consent) found.phone = t('kiosk.consentNeeded');
    }
    setErrors(found);
    if (found.plate) setField('plate');
    else if (found.phone) setField('phone');
    if (!found.plate && !found.phone) props.onNext(cleanPlate, cleanPhone, consent);
  };

  return (
    <section className="details">
      <h1>{t('kiosk.details')}</h1>
      <div className="fields">
        <label className={field === 'plate' ? 'active' : ''} onClick={() => setField('plate')}>
          <span>{t('kiosk.plate')}</span>
          <input name="plate" value={plate} readOnly inputMode="none" placeholder={t('kiosk.platePlaceholder')} aria-invalid={Boolean(errors.plate)} />
          {errors.plate && <span className="field-error">{errors.plate}</span>}
        </label>
        <label className={field === 'phone' ? 'active' : ''} onClick={() => setField('phone')}>
          <span>{t('kiosk.phone')}</span>
          <input name="phone" value={phone} readOnly inputMode="none" placeholder={t('kiosk.phonePlaceholder')} aria-invalid={Boolean(errors.phone)} />
          {errors.phone && <span className="field-error">{errors.phone}</span>}
        </label>
        <div className="consent">
          <button type="button" role="checkbox" aria-checked={consent} data-action="consent" onClick={() => setConsent(!consent)}>
            <span className="box">{consent ? '✓' : ''}</span>
            {t('kiosk.consent')}
          </button>
          <p className="purpose">{t('kiosk.phonePurpose', { days: props.retentionDays })}</p>
        </div>
      </div>
      {field === 'plate' ? <PlateKeyboard value={plate} onChange={setPlate} t={t} /> : <DigitPad value={phone} onChange={setPhone} max={11} t={t} />}
      <div className="actions">
        <button className="secondary" onClick={props.onBack}>
          {t('kiosk.back')}
        </button>
        <button className="secondary" data-action="skip" onClick={() => props.onNext('', '', false)}>
          {t('kiosk.skip')}
        </button>
        <button className="primary" data-action="next" onClick={submit}>
          {t('kiosk.next')}
        </button>
      </div>
    </section>
  );
}
