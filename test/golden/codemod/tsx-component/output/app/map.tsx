"use server";
import { readSecretEnv } from "./read-secret-env";

export function MapEmbed({ place }: { place: string }) {
  return (
    <iframe
      title="map"
      src={`https://maps.example.com/embed?key=${readSecretEnv("MAPS_API_KEY")}&q=${encodeURIComponent(place)}`}
    />
  );
}
