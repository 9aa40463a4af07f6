import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../shared/src/client/base.css';
import '../desk/desk.css';
import './workshop.css';
import { WorkshopApp } from './WorkshopApp.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <WorkshopApp />
  </StrictMode>,
);
