/** Asks before a destructive action, naming its consequence (issue #14 item 3). In-page, never window.confirm. */
export function ConfirmDialog(props: {
  title: string;
  consequence: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="dialog-backdrop">
      <div className="dialog confirm-dialog" role="alertdialog" aria-label={props.title}>
        <h2>{props.title}</h2>
        <p data-testid="consequence">{props.consequence}</p>
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={props.onCancel}>
            {props.cancelLabel}
          </button>
          <button type="button" className="danger" data-action="confirm-destructive" onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
