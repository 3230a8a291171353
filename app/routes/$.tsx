import { GeneralErrorBoundary } from "~/components/error-boundary";

/** Any unknown address: a localised 404 inside the normal page shell. */
export async function loader() {
  throw new Response(null, { status: 404 });
}

export default function NotFound() {
  return null;
}

export { GeneralErrorBoundary as ErrorBoundary };
