import { ApiFailure } from "../api/client.ts";
import { strings, type Lang } from "../i18n/strings.ts";

/**
 * Runs what a submitted form asks for with its data, and says how it went: "Đã lưu." (the
 * form is cleared) or the API's own words. The form is read at once, since an event from a
 * shadow tree loses its target once dispatch ends.
 */
export async function formAction<T>(event: SubmitEvent, lang: Lang, act: (data: FormData) => Promise<T>): Promise<{ value?: T; message: string }> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  try {
    const value = await act(new FormData(form));
    form.reset();
    return { value, message: strings(lang).saved };
  } catch (err) {
    return { message: err instanceof ApiFailure ? err.text(lang) : String(err) };
  }
}
