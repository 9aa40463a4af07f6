import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../shared/src/client/base.css';
import './kiosk.css';
import { KioskApp } from './KioskApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <KioskApp />
  </StrictMode>,
);
