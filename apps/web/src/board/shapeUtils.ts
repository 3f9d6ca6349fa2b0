import { FrameShapeUtil, defaultShapeUtils } from 'tldraw';

/** Frames show their colour, so a template's party areas read at a glance. */
export const shapeUtils = [FrameShapeUtil.configure({ showColors: true })];

/** Every shape util of an Accord store: tldraw's defaults with our frame. */
export const allShapeUtils = [...defaultShapeUtils.filter((u) => u.type !== 'frame'), ...shapeUtils];
