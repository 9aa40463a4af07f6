import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../shared/src/client/base.css';
import '../desk/desk.css';
import './arrivals.css';
import { ArrivalsApp } from './ArrivalsApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ArrivalsApp />
  </StrictMode>,
);
