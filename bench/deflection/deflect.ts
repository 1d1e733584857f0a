/** `POST /v1/deflect` as a widget calls it, failing on any answer but 200. */
export const deflectClient =
  (url: string, widgetKey: string) =>
  async (question: string, signal?: AbortSignal): Promise<void> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'x-widget-key': widgetKey, 'content-type': 'application/json' },
      body: JSON.stringify({ question }),
      ...(signal ? { signal } : {}),
    });
    if (res.status !== 200) throw new Error(`POST /v1/deflect answered ${res.status}: ${await res.text()}`);
    await res.json();
  };
