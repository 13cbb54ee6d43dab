/**
 * What the comment and contact forms share, under the names they have always imported; each
 * piece lives in the file named for it.
 */
import { FirmEvent as BaseFirmEvent } from './events.js';

export { formStrings, type FormStrings } from './form-strings.js';
export { formStyles } from './form.styles.js';
export { field, isEmail, type FieldKind } from './field.js';
export { Sender } from './sender.js';

/**
 * @deprecated The comments element still fires its events as this generic class; once it declares
 * a subclass of events.ts's `FirmEvent` per event (as every other element does), this alias goes.
 */
export class FirmEvent<Detail> extends BaseFirmEvent<Detail> {}
