/**
 * Where tags live and what a tag name may be (pure; tags.ts reads and writes them).
 *
 * Tags are NOT under `.quilt/named_packages/<ns>/<name>/`: quilt3 8 lists every file there as a
 * package version (`list_package_versions` yields `(file name, file content)`), a sub-folder
 * there becomes a bogus package in `list_packages` (`ns/name/tags`), and `delete_package(name,
 * top_hash=…)` of the newest snapshot copies the pointer with the greatest NAME to `latest`, so
 * a tag ("q3-release" sorts after every unix time) would silently become `latest`. So tags live
 * beside the registry, in `.quilt/helium/tags/<ns>/<name>/<tag>`, which quilt3 never lists.
 */
import { QUILT_PREFIX } from '../snapshots/names';

/** The key prefix of all tags. */
export const TAGS_PREFIX = `${QUILT_PREFIX}helium/tags/`;

/** What a tag name may be, for messages and the UI. */
export const TAG_NAME_RULE =
  'a tag name is 1 to 100 letters, digits, ".", "_" and "-", starting with a letter or digit (e.g. "q3-release"); not "latest", not all digits and not a hex string of 6 or more characters (those name snapshots)';

/**
 * Check a tag name.
 * @param tag - the name.
 * @returns a message saying what is wrong, or null when it is a valid tag name.
 */
export function validateTagName(tag: string): string | null {
  const ok = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(tag) && !/\.\.|\.$/.test(tag);
  const reserved = tag.toLowerCase() === 'latest' || /^\d+$/.test(tag) || /^[0-9a-fA-F]{6,64}$/.test(tag);
  if (ok && !reserved) {
    return null;
  }
  return `"${tag}" is not a valid tag name: ${TAG_NAME_RULE}.`;
}

/**
 * The key prefix of a package's tags.
 * @param pkg - `namespace/name`.
 * @returns `.quilt/helium/tags/<ns>/<name>/`.
 */
export function tagsPrefix(pkg: string): string {
  return `${TAGS_PREFIX}${pkg}/`;
}

/**
 * The key of one tag.
 * @param pkg - `namespace/name`.
 * @param tag - the tag name.
 * @returns `.quilt/helium/tags/<ns>/<name>/<tag>`.
 */
export function tagKey(pkg: string, tag: string): string {
  return `${tagsPrefix(pkg)}${tag}`;
}
