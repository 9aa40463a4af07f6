/** Photos taken on the workshop tablet or chosen at the desk, made ready for the hub. */

/** A photo as the hub takes it: a JPEG at most 1280 px on its long side (a phone photo becomes ~200 KB). */
export async function photoForUpload(file: File): Promise<{ contentType: 'image/jpeg'; dataBase64: string }> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 1280 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const url = canvas.toDataURL('image/jpeg', 0.8);
  return { contentType: 'image/jpeg', dataBase64: url.slice(url.indexOf(',') + 1) };
}
