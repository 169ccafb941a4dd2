/** Search documents for engine tests: a fictional call between two invented leaders, plus the body the test gives. */
import { parseReadout } from '../../shared/readout/parse.ts';
import { toSearchDoc, type SearchDoc } from '../../shared/search/search-doc.ts';

export function callDoc(id: string, body: string): SearchDoc {
  return toSearchDoc(
    parseReadout({
      id,
      text: `Call ${id}\n2024-03-05 10:00:00 UTC\n\nPresident Rufus Firefly spoke with Prime Minister Vera Marena. ${body}`,
      format: 'txt',
      source: { bucket: 'b', key: `${id}.txt`, etag: null },
    }),
    '1',
  );
}
