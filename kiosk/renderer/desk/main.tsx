import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../shared/src/client/base.css';
import './desk.css';
import { DeskApp } from './DeskApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeskApp />
  </StrictMode>,
);
