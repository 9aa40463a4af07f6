import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../common/base.css';
import './desk.css';
import { DeskApp } from './DeskApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeskApp />
  </StrictMode>,
);
