import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../common/base.css';
import './kiosk.css';
import { KioskApp } from './KioskApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <KioskApp />
  </StrictMode>,
);
