const t = await import('tldraw');
for (const U of t.defaultShapeUtils) {
  try { const p = U.prototype.getDefaultProps.call({ options: U.defaultOptions ?? {}, editor: {} }); console.log(U.type, Object.keys(p).length); } catch (e) { console.log(U.type, 'ERR', e.message); }
}
for (const U of t.defaultBindingUtils) { try { console.log('binding', U.type, JSON.stringify(U.prototype.getDefaultProps.call({}))); } catch (e) { console.log('b', U.type, e.message) } }
