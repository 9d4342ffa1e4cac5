// Building elements from data with textContent only: nothing the API returns is ever parsed as HTML.
const SVG_NS = "http://www.w3.org/2000/svg";

function build(node, attributes, children) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) { // lists of lists (a <dl>'s dt/dd pairs) at any depth
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const h = (tag, attributes, ...children) => build(document.createElement(tag), attributes, children);
export const svg = (tag, attributes, ...children) => build(document.createElementNS(SVG_NS, tag), attributes, children);
export const byId = (id) => document.getElementById(id);

export function replace(parent, ...children) {
  parent.replaceChildren();
  return build(parent, {}, children);
}

// A table cell that names its column, so rows can stack as cards on a phone.
export const cell = (label, ...children) => h("td", { "data-label": label }, ...children);
