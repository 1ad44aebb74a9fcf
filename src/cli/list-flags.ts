/**
 * Every list-valued flag (`multiple: true`: `--only a,b`, `--map X=Y --map …`, `--mirror URL …`)
 * refuses an empty item or one of only spaces by naming it, before any command reads it: otherwise
 * `--only ''` reached the command as an empty name and its error read `--only :`.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';

interface ListFlag {
  multiple?: boolean;
  delimiter?: string;
  helpValue?: string | string[];
}

/** Throws a UsageError (exit 2) for the first list flag holding an empty or blank item. */
export function checkListFlags(
  definitions: Readonly<Record<string, unknown>>,
  values: Readonly<Record<string, unknown>>,
): void {
  for (const [name, definition] of Object.entries(definitions)) {
    const flag = definition as ListFlag;
    const items = values[name];
    if (!flag.multiple || !Array.isArray(items)) continue;
    const index = items.findIndex((item) => typeof item === 'string' && item.trim() === '');
    if (index === -1) continue;
    const item = items[index] as string;
    const where = { flag: `--${name}`, position: index + 1, count: items.length };
    throw new UsageError(item === '' ? t('cli.listItemEmpty', where) : t('cli.listItemBlank', where), {
      code: 'usage.list-item',
      suggestions: [
        flag.delimiter
          ? t('cli.listItemFixDelimited', { flag: `--${name}`, delimiter: flag.delimiter })
          : t('cli.listItemFixRepeated', { flag: `--${name}` }),
      ],
    });
  }
}
