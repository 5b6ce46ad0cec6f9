"use server";

export function MapEmbed({ place }: { place: string }) {
  return (
    <iframe
      title="map"
      src={`https://maps.example.com/embed?key=${process.env.MAPS_API_KEY}&q=${encodeURIComponent(place)}`}
    />
  );
}
