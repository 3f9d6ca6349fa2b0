const t = await import('tldraw');
console.log(JSON.stringify(t.toRichText('hello')), JSON.stringify(t.toRichText('')), JSON.stringify(t.toRichText('a\nb')));
console.log(t.DefaultColorStyle.values);
console.log(t.DefaultFillStyle.values, t.DefaultSizeStyle.values, t.DefaultFontStyle?.values, t.DefaultTextAlignStyle.values);
for (const U of t.defaultShapeUtils) { if (['frame','geo','text','note','arrow'].includes(U.type)) { try { console.log(U.type, JSON.stringify(U.prototype.getDefaultProps.call({ options: U.defaultOptions ?? {}, editor: {} }))); } catch (e) { console.log(U.type, 'ERR', e.message); } } }
for (const U of t.defaultBindingUtils) { try { console.log('binding', U.type, JSON.stringify(U.prototype.getDefaultProps.call({}))); } catch (e) { console.log('b', U.type, e.message) } }
console.log(t.FONT_SIZES, t.LABEL_FONT_SIZES, t.TEXT_PROPS, t.FONT_FAMILIES);
const F = t.defaultShapeUtils.find(u=>u.type==='frame'); console.log(F.defaultOptions);
const N = t.defaultShapeUtils.find(u=>u.type==='note'); console.log(N.defaultOptions);
