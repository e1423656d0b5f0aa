// scrollToFirstError brings the first field error of the form in front into view: that of the open
// dialog or drawer on top, else of the page. A long form (送审登记) refused after scrolling to its
// save button otherwise kept its errors at the top, out of sight.
export function scrollToFirstError(root: ParentNode = document) {
  const layers = root.querySelectorAll('.n-modal, .n-drawer')
  const front: ParentNode = layers.length ? layers[layers.length - 1] : root
  const first = front.querySelector('.n-form-item-feedback--error')
  const item = first?.closest('.n-form-item') ?? first
  item?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' })
}
