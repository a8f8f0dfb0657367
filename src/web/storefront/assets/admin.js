// Back office progressive enhancement (everything works without it):
// - the error summary of a refused form takes the focus, so screen readers announce it;
// - buttons with data-confirm ask before a destructive action (cancel, refund).
(() => {
  const summary = document.getElementById('form-errors')
  if (summary) summary.focus()
  document.addEventListener('submit', (event) => {
    const button = event.submitter
    const message = (button && button.getAttribute('data-confirm')) || event.target.getAttribute('data-confirm')
    if (message && !window.confirm(message)) event.preventDefault()
  })
})()
